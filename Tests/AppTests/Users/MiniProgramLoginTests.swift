import Foundation
import HummingbirdTesting
import Testing
@testable import App

/// The mini-program's sign-in: a mobile and its SMS code (the account made on the first), and WeChat's code, which
/// signs a bound user in and hands an unbound one a token to bind with the SMS sign-in.
@Suite struct MiniProgramLoginTests {
    @Test func aNewMobileSignsInWithItsCodeAndGetsAnAccount() async throws {
        try await withApp { client, env in
            // setup
            let code = try await env.sendSMSCode(to: "13912345678")
            // act
            let response = try await client.send(.post, "/authorizations/sms/", json: ["mobile": "13912345678", "sms_code": code])
            // check: created, with a token that opens the account
            #expect(response.status == .created)
            let token = try #require(response.object["token"] as? String)
            let me = try await client.send(.get, "/user/", token: token)
            #expect(me.object["mobile"] as? String == "13912345678")
        }
    }

    @Test func aKnownMobileSignsIntoItsAccount() async throws {
        try await withApp { client, env in
            // setup
            let user = try await env.createUser("buyer0001", mobile: "13912345678")
            let code = try await env.sendSMSCode(to: "13912345678")
            // act
            let response = try await client.send(.post, "/authorizations/sms/", json: ["mobile": "13912345678", "sms_code": code])
            // check
            #expect(response.status == .ok)
            #expect(response.object["user_id"] as? Int == user.id)
        }
    }

    @Test func aWrongCodeIsRefusedAndNoAccountIsMade() async throws {
        try await withApp { client, env in
            // setup
            let code = try await env.sendSMSCode(to: "13912345678")
            // act
            let response = try await client.send(.post, "/authorizations/sms/", json: ["mobile": "13912345678", "sms_code": code == "000000" ? "111111" : "000000"])
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["non_field_errors"] as? [String] == ["短信验证码错误"])
            #expect(try await AccountService(services: env.services).mobileCount("13912345678") == 0)
        }
    }

    @Test func anUnboundWeChatUserBindsThroughTheSMSSignInAndThenSignsInWithWeChat() async throws {
        // setup: WeChat issued two codes to the same user
        let fake = try await FakeWeChatMiniServer.start(codes: ["C1": "oOPENID1:UNION1", "C2": "oOPENID1:UNION1"])
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.wechatMini = config }) { client, env in
            // act: first code → bind token; SMS sign-in with it; second code → signed in
            let first = try await client.send(.post, "/authorizations/wechat/", json: ["code": "C1"])
            let bindToken = try #require(first.object["bind_token"] as? String)
            let sms = try await env.sendSMSCode(to: "13912345678")
            let bound = try await client.send(.post, "/authorizations/sms/", json: ["mobile": "13912345678", "sms_code": sms, "bind_token": bindToken])
            let second = try await client.send(.post, "/authorizations/wechat/", json: ["code": "C2"])
            // check
            #expect(first.status == .ok && first.object["token"] == nil)
            #expect(bound.status == .created)
            #expect(second.status == .ok && second.object["user_id"] as? Int == bound.object["user_id"] as? Int)
        }
    }

    @Test func aUsedCodeIsAFieldErrorAndAWrongSecretIsTheShopsFault() async throws {
        // setup
        let fake = try await FakeWeChatMiniServer.start(codes: ["C1": "oOPENID1", "C2": "oOPENID2"])
        defer { fake.stop() }
        let good = fake.config(), bad = fake.config(appSecret: "not-the-secret")
        try await withApp({ $0.wechatMini = good }) { client, _ in
            // act
            _ = try await client.send(.post, "/authorizations/wechat/", json: ["code": "C1"])
            let reused = try await client.send(.post, "/authorizations/wechat/", json: ["code": "C1"])
            // check: WeChat's 40163 → ask the shopper to sign in again
            #expect(reused.status == .badRequest && reused.object["code"] as? [String] == ["微信登录失败，请重新授权"])
        }
        try await withApp({ $0.wechatMini = bad }) { client, _ in
            // act
            let refused = try await client.send(.post, "/authorizations/wechat/", json: ["code": "C2"])
            // check: WeChat's 40125 → 503, nothing the shopper can fix
            #expect(refused.status == .serviceUnavailable)
        }
    }

    @Test func aWeChatUserBoundToOneMobileCantBeBoundToAnother() async throws {
        // setup: oOPENID1 bound to the first mobile
        let fake = try await FakeWeChatMiniServer.start(codes: ["C1": "oOPENID1", "C2": "oOPENID1"])
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.wechatMini = config }) { client, env in
            let token1 = try #require(try await client.send(.post, "/authorizations/wechat/", json: ["code": "C1"]).object["bind_token"] as? String)
            _ = try await client.send(.post, "/authorizations/sms/",
                                      json: ["mobile": "13912345678", "sms_code": try await env.sendSMSCode(to: "13912345678"), "bind_token": token1])
            // act: the same token presented again with another mobile
            let other = try await client.send(.post, "/authorizations/sms/",
                                              json: ["mobile": "13987654321", "sms_code": try await env.sendSMSCode(to: "13987654321"), "bind_token": token1])
            // check: refused, and no account made for the other mobile
            #expect(other.status == .badRequest)
            #expect(other.object["non_field_errors"] as? [String] == ["该微信已绑定其他手机号"])
            #expect(try await AccountService(services: env.services).mobileCount("13987654321") == 0)
        }
    }
}
