import Foundation
import Testing
@testable import App

@Suite struct RegistrationTests {
    func registration(_ code: String, username: String = "newuser1", mobile: String = "13700137000") -> [String: Any] {
        ["username": username, "password": "password123", "password2": "password123", "mobile": mobile, "sms_code": code, "allow": "true"]
    }

    @Test func captchaThenSMSThenRegisterLogsIn() async throws {
        try await withApp { client, env in
            // setup: the captcha image, whose stored answer stands in for what the shopper reads
            let image = try await client.send(.get, "/image_codes/00000000-0000-4000-8000-000000000001/")
            let answer = try await env.services.keyValues().get("img_00000000-0000-4000-8000-000000000001")!
            // act
            let sms = try await client.send(.get, "/sms_codes/13700137000/?image_code_id=00000000-0000-4000-8000-000000000001&text=\(answer.lowercased())")
            await env.runJobs()
            let code = try #require(env.sms.lastCode(for: "13700137000"))
            let register = try await client.send(.post, "/users/", json: registration(code))
            let token = try #require(register.object["token"] as? String)
            let me = try await client.send(.get, "/user/", token: token)
            // check
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/png")
            #expect(sms.status == .ok && sms.object["message"] as? String == "OK")
            #expect(register.status == .created)
            #expect(register.object["username"] as? String == "newuser1")
            #expect(register.object["mobile"] as? String == "13700137000")
            #expect(me.object["username"] as? String == "newuser1")
            #expect(me.object["email_active"] as? Bool == false)
        }
    }

    @Test func wrongCaptchaIsRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.storeCaptcha(id: "00000000-0000-4000-8000-0000000000c1", answer: "ABCD")
            // act
            let response = try await client.send(.get, "/sms_codes/13700137000/?image_code_id=00000000-0000-4000-8000-0000000000c1&text=WXYZ")
            // check
            #expect(response.status == .badRequest)
            #expect(env.sms.sent.isEmpty)
        }
    }

    @Test func captchaCannotBeUsedTwice() async throws {
        try await withApp { client, env in
            // setup
            try await env.storeCaptcha(id: "00000000-0000-4000-8000-0000000000c2", answer: "ABCD")
            _ = try await client.send(.get, "/sms_codes/13700137000/?image_code_id=00000000-0000-4000-8000-0000000000c2&text=abcd")
            // act
            let again = try await client.send(.get, "/sms_codes/13700137001/?image_code_id=00000000-0000-4000-8000-0000000000c2&text=abcd")
            // check
            #expect(again.status == .badRequest)
            #expect((again.object["non_field_errors"] as? [String])?.first == "图片验证码无效")
        }
    }

    @Test func secondSMSWithinAMinuteIsRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.storeCaptcha(id: "00000000-0000-4000-8000-0000000000c3", answer: "ABCD")
            try await env.storeCaptcha(id: "00000000-0000-4000-8000-0000000000c4", answer: "EFGH")
            _ = try await client.send(.get, "/sms_codes/13700137000/?image_code_id=00000000-0000-4000-8000-0000000000c3&text=ABCD")
            // act
            let second = try await client.send(.get, "/sms_codes/13700137000/?image_code_id=00000000-0000-4000-8000-0000000000c4&text=EFGH")
            await env.runJobs()
            // check
            #expect(second.status == .badRequest)
            #expect(second.nonFieldErrors == ["发送短信次数过于频繁"])
            #expect(env.sms.sent.count == 1)
        }
    }

    @Test func wrongSMSCodeIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let code = try await env.sendSMSCode(to: "13700137000")
            let wrong = code == "000000" ? "111111" : "000000"
            // act
            let response = try await client.send(.post, "/users/", json: registration(wrong))
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["短信验证码错误"])
            #expect(try await AccountService(services: env.services).usernameCount("newuser1") == 0)
        }
    }

    @Test func smsCodeStopsWorkingAfterTooManyWrongGuesses() async throws {
        try await withServices { env in
            // setup
            let code = try await env.sendSMSCode(to: "13700137000")
            let verification = VerificationService(services: env.services)
            for _ in 0..<VerificationService.smsCodeMaxFailures {
                try? await verification.checkSMSCode(mobile: "13700137000", code: "x")
            }
            // act / check
            await #expect(throws: UsersError.smsCodeExpired) { try await verification.checkSMSCode(mobile: "13700137000", code: code) }
        }
    }

    @Test func duplicateUsernameIsRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.createUser("newuser1", mobile: "13600136000")
            let code = try await env.sendSMSCode(to: "13700137000")
            // act
            let response = try await client.send(.post, "/users/", json: registration(code))
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["username"] != nil)
        }
    }

    @Test func duplicateMobileIsRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.createUser("someoneelse", mobile: "13700137000")
            let code = try await env.sendSMSCode(to: "13700137000")
            // act
            let response = try await client.send(.post, "/users/", json: registration(code))
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["mobile"] != nil)
        }
    }

    @Test func fieldRulesAreEnforced() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.post, "/users/", json: [
                "username": "12345678", "password": "short", "password2": "other", "mobile": "12345", "sms_code": "1", "allow": false,
            ])
            // check
            let body = response.object
            #expect(response.status == .badRequest)
            for field in ["username", "password", "mobile", "allow"] { #expect(body[field] != nil, "\(field)") }
        }
    }

    @Test func usernameAndMobileCountsReflectRegistrations() async throws {
        try await withApp { client, env in
            // setup
            try await env.createUser("taken01", mobile: "13500135000")
            // act
            let username = try await client.send(.get, "/usernames/taken01/count/")
            let mobile = try await client.send(.get, "/mobiles/13500135000/count/")
            let free = try await client.send(.get, "/mobiles/13500135001/count/")
            // check
            #expect(username.object["count"] as? Int == 1)
            #expect(mobile.object["count"] as? Int == 1)
            #expect(free.object["count"] as? Int == 0)
        }
    }

    @Test func smsCodeReachesTheProviderThroughAJob() async throws {
        try await withServices { env in
            // act
            try await VerificationService(services: env.services).sendSMSCode(to: "13700137000")
            let before = env.sms.sent.count
            await env.runJobs()
            // check
            #expect(before == 0)
            #expect(env.sms.sent.count == 1)
            #expect(env.sms.sent[0].code.count == 6)
        }
    }
}
