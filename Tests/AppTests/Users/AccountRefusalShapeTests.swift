import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// Sign-up, password reset and QQ refusals in the shapes the original serializers and views gave
/// (the front end reads `non_field_errors[0]` or `message`).
@Suite struct AccountRefusalShapeTests {
    static let captchaID = "7d6a2d3c-2f4e-4c55-9a1b-0c7e8f9d1a2b"

    @Test func smsCodeWithAnImageCodeIDThatIsNoUUIDIsAFieldError() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/sms_codes/13700137000/?image_code_id=not-a-uuid&text=ABCD")
            // check
            #expect(response.status == .badRequest)
            #expect(response.fieldErrors("image_code_id")?.count == 1)
        }
    }

    @Test func smsCodeAgainWithinAMinuteIsANonFieldError() async throws {
        try await withApp { client, env in
            // setup: one SMS just went out
            try await env.storeCaptcha(id: Self.captchaID, answer: "ABCD")
            _ = try await client.send(.get, "/sms_codes/13700137000/?image_code_id=\(Self.captchaID)&text=ABCD")
            try await env.storeCaptcha(id: Self.captchaID, answer: "EFGH")
            // act
            let response = try await client.send(.get, "/sms_codes/13700137000/?image_code_id=\(Self.captchaID)&text=EFGH")
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["发送短信次数过于频繁"])
        }
    }

    /// An SMS access token for the password reset of a fresh account.
    static func resetSMSToken(_ env: TestEnvironment, mobile: String = "13911112222") async throws -> String {
        try await env.createUser("forgetful", mobile: mobile)
        return try await PasswordResetService(services: env.services).smsToken(account: "forgetful").access_token
    }

    @Test func resetSMSAgainWithinAMinuteIs429WithAMessage() async throws {
        try await withApp { client, env in
            // setup
            let token = try await Self.resetSMSToken(env)
            _ = try await client.send(.get, "/sms_codes/?access_token=\(token)")
            // act
            let response = try await client.send(.get, "/sms_codes/?access_token=\(token)")
            // check
            #expect(response.status == .tooManyRequests)
            #expect(response.messageOnly == "发送短信次数过于频繁")
        }
    }

    @Test func resetSMSWithoutAnAccessTokenIsAMessage() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/sms_codes/")
            // check
            #expect(response.status == .badRequest)
            #expect(response.messageOnly == "缺少access_token")
        }
    }

    @Test func resetSMSWithABadAccessTokenIsA400Message() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/sms_codes/?access_token=forged.token.value")
            // check
            #expect(response.status == .badRequest)
            #expect(response.messageOnly != nil)
        }
    }

    static func registration(password2: String = "password123", smsCode: String) -> [String: Any] {
        ["username": "newuser01", "password": "password123", "password2": password2, "mobile": "13700137000",
         "sms_code": smsCode, "allow": true]
    }

    @Test func registrationWithPasswordsThatDifferIsANonFieldError() async throws {
        try await withApp { client, env in
            // setup
            let code = try await env.sendSMSCode(to: "13700137000")
            // act
            let response = try await client.send(.post, "/users/", json: Self.registration(password2: "password999", smsCode: code))
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["两次密码不一致"])
        }
    }

    @Test func registrationWithAWrongSMSCodeIsANonFieldError() async throws {
        try await withApp { client, env in
            // setup
            let code = try await env.sendSMSCode(to: "13700137000")
            let wrong = code == "000000" ? "111111" : "000000"
            // act
            let response = try await client.send(.post, "/users/", json: Self.registration(smsCode: wrong))
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["短信验证码错误"])
        }
    }

    /// A user with a reset token, as step 3 of the flow hands it out.
    static func resetToken(_ env: TestEnvironment, username: String, mobile: String) async throws -> (Int, String) {
        let user = try await env.createUser(username, mobile: mobile)
        let code = try await env.sendSMSCode(to: mobile)
        let token = try await PasswordResetService(services: env.services).resetToken(account: username, smsCode: code)
        return (user.id!, token.access_token)
    }

    @Test func passwordResetWithABadTokenIsANonFieldError() async throws {
        try await withApp { client, env in
            // setup
            let user = try await env.createUser("forgetful", mobile: "13911112222")
            // act
            let response = try await client.send(.post, "/users/\(user.id!)/password/",
                                                 json: ["password": "brandnew123", "password2": "brandnew123", "access_token": "bad.token.here"])
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors?.count == 1)
        }
    }

    @Test func passwordResetWithAnotherUsersTokenIsANonFieldError() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await Self.resetToken(env, username: "forgetful", mobile: "13911112222")
            let victim = try await env.createUser("victim01", mobile: "13911113333")
            // act
            let response = try await client.send(.post, "/users/\(victim.id!)/password/",
                                                 json: ["password": "brandnew123", "password2": "brandnew123", "access_token": token])
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors?.count == 1)
        }
    }

    @Test func passwordResetWithPasswordsThatDifferIsANonFieldError() async throws {
        try await withApp { client, env in
            // setup
            let (id, token) = try await Self.resetToken(env, username: "forgetful", mobile: "13911112222")
            // act
            let response = try await client.send(.post, "/users/\(id)/password/",
                                                 json: ["password": "brandnew123", "password2": "brandnew999", "access_token": token])
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["两次密码不一致"])
        }
    }

    @Test func passwordResetAnswersTheUsersID() async throws {
        try await withApp { client, env in
            // setup
            let (id, token) = try await Self.resetToken(env, username: "forgetful", mobile: "13911112222")
            // act
            let response = try await client.send(.post, "/users/\(id)/password/",
                                                 json: ["password": "brandnew123", "password2": "brandnew123", "access_token": token])
            // check
            #expect(response.status == .ok)
            #expect(Set(response.object.keys) == ["id"])
            #expect(response.object["id"] as? Int == id)
        }
    }

    @Test func qqCallbackWithoutACodeIsAMessage() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/oauth/qq/user/")
            // check
            #expect(response.status == .badRequest)
            #expect(response.messageOnly == "缺少code")
        }
    }

    @Test func qqBindingWithABadAccessTokenIsANonFieldError() async throws {
        try await withApp({ $0.qq = FakeQQServer.config(apiPort: 9) }) { client, _ in
            // act
            let response = try await client.send(.post, "/oauth/qq/user/", json: [
                "mobile": "13700137000", "password": "password123", "sms_code": "123456", "access_token": "bad.token.here",
            ])
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors?.count == 1)
        }
    }
}
