import FluentKit
import Foundation
import HummingbirdTesting
import Testing
@testable import App

/// Alipay login (`/oauth/alipay/…`) against Tests/Support/fake_alipay_gateway.py: it checks every request's RSA2
/// signature with our app's public key, answers `alipay.system.oauth.token` for codes a buyer gave (each once) and
/// `alipay.user.info.share` for the tokens it issued, signed with Alipay's key.
@Suite(.heavy, .timeLimit(.minutes(10)))
struct AlipayLoginTests {
    static let buyer = ["user_id": "2088102177846880", "nick_name": "支付宝小美"]

    static func withGateway(tamper: Bool = false, _ body: @Sendable (any TestClientProtocol, TestEnvironment, FakeAlipayGateway) async throws -> Void) async throws {
        let fake = try await FakeAlipayGateway.start(authUsers: ["AUTH-CODE-1": buyer, "AUTH-CODE-2": buyer], tamper: tamper)
        defer { fake.stop() }
        try await withAlipayApp(gateway: fake.url) { client, env in try await body(client, env, fake) }
    }

    func binding(_ env: TestEnvironment) async throws -> AlipayAccount? {
        try await AlipayAccount.query(on: env.services.db()).filter(\.$alipayUserID == Self.buyer["user_id"]!).first()
    }

    @Test func theAuthorisationURLAsksForTheBuyersProfileAndComesBackToTheShop() async throws {
        try await withAlipayApp { client, _ in
            // act
            let response = try await client.send(.get, "/oauth/alipay/authorization/?next=/user_center_order.html")
            // check
            let url = try #require(URLComponents(string: response.object["login_url"] as? String ?? ""))
            let query = Dictionary(uniqueKeysWithValues: (url.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(response.status == .ok && response.object["oauth_url"] as? String == response.object["login_url"] as? String)
            #expect(url.host == "openauth-sandbox.dl.alipaydev.com")
            #expect(query["app_id"] == AlipayTestKeys.appID && query["scope"] == "auth_user")
            #expect(query["redirect_uri"]?.hasSuffix("/oauth_callback.html?provider=alipay") == true)
            #expect(query["state"] == "/user_center_order.html")
        }
    }

    @Test func aShopWithoutAlipayKeysAnswers503() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/oauth/alipay/authorization/?next=/")
            // check
            #expect(response.status == .serviceUnavailable && response.object["message"] as? String == "支付宝服务异常")
        }
    }

    @Test func aNewBuyerBindsAMobileAndGetsAnAccountThenLogsStraightIn() async throws {
        try await Self.withGateway { client, env, fake in
            // setup
            let first = try await client.send(.get, "/oauth/alipay/user/?auth_code=AUTH-CODE-1&state=/")
            let accessToken = try #require(first.object["access_token"] as? String, "\(first.status) \(first.text)")
            let smsCode = try await env.sendSMSCode(to: "13700000011")
            // act
            let bound = try await client.send(.post, "/oauth/alipay/user/", json: [
                "mobile": "13700000011", "password": "password123", "sms_code": smsCode, "access_token": accessToken])
            let again = try await client.send(.get, "/oauth/alipay/user/?code=AUTH-CODE-2")
            // check
            #expect(bound.status == .created && bound.object["username"] as? String == "13700000011")
            #expect(try await binding(env)?.userID == bound.object["user_id"] as? Int)
            #expect(try await binding(env)?.nickName == "支付宝小美")
            #expect(again.status == .ok && again.object["user_id"] as? Int == bound.object["user_id"] as? Int)
            #expect((again.object["token"] as? String)?.isEmpty == false)
            let methods = try fake.received().map(\.method)
            #expect(methods.filter { $0 == "alipay.system.oauth.token" }.count == 2 && methods.contains("alipay.user.info.share"))
        }
    }

    @Test func anExistingAccountIsBoundWithItsPasswordAndNotRenamed() async throws {
        try await Self.withGateway { client, env, _ in
            // setup
            let user = try await env.createUser("meiduofan", password: "password123", mobile: "13700000012")
            let accessToken = try #require(try await client.send(.get, "/oauth/alipay/user/?code=AUTH-CODE-1").object["access_token"] as? String)
            let smsCode = try await env.sendSMSCode(to: "13700000012")
            // act
            let wrong = try await client.send(.post, "/oauth/alipay/user/", json: [
                "mobile": "13700000012", "password": "not-my-password", "sms_code": smsCode, "access_token": accessToken])
            let right = try await client.send(.post, "/oauth/alipay/user/", json: [
                "mobile": "13700000012", "password": "password123", "sms_code": smsCode, "access_token": accessToken])
            // check
            #expect(wrong.status == .badRequest && wrong.object["message"] as? String == "密码错误")
            #expect(right.status == .created && right.object["username"] as? String == "meiduofan")
            #expect(try await binding(env)?.userID == user.id)
        }
    }

    @Test func aCodeIsGoodOnceAndAnUnknownOneIsRefused() async throws {
        try await Self.withGateway { client, _, _ in
            // setup
            _ = try await client.send(.get, "/oauth/alipay/user/?code=AUTH-CODE-1")
            // act
            let reused = try await client.send(.get, "/oauth/alipay/user/?code=AUTH-CODE-1")
            let unknown = try await client.send(.get, "/oauth/alipay/user/?code=NEVER-GIVEN")
            let missing = try await client.send(.get, "/oauth/alipay/user/")
            // check
            #expect(reused.status == .badRequest && reused.object["message"] as? String == "支付宝登录失败")
            #expect(unknown.status == .badRequest && unknown.object["message"] as? String == "支付宝登录失败")
            #expect(missing.status == .badRequest && missing.object["message"] as? String == "缺少code")
        }
    }

    @Test func aGatewayOutOfReachAnswers503NotAWrongCode() async throws {
        try await withAlipayApp(gateway: "http://127.0.0.1:9/gateway.do") { client, _ in
            // act
            let response = try await client.send(.get, "/oauth/alipay/user/?code=AUTH-CODE-1")
            // check
            #expect(response.status == .serviceUnavailable && response.object["message"] as? String == "支付宝服务异常")
        }
    }

    @Test func aProfileAnswerNotSignedByAlipayIsNotTrusted() async throws {
        try await Self.withGateway(tamper: true) { client, env, _ in
            // act
            let response = try await client.send(.get, "/oauth/alipay/user/?code=AUTH-CODE-1")
            // check
            #expect(response.status == .badRequest && response.object["message"] as? String == "支付宝登录失败")
            #expect(try await binding(env) == nil)
        }
    }

    @Test func aQQBindTokenCannotBindAnAlipayAccount() async throws {
        try await withAlipayApp { client, env in
            // setup: a token the QQ callback would have issued
            let qqToken = try await env.services.tokens.purposeToken(ThirdPartyProvider.qq.purpose, data: ["id": "QQ-OPENID"], lifetime: 600)
            let smsCode = try await env.sendSMSCode(to: "13700000013")
            // act
            let response = try await client.send(.post, "/oauth/alipay/user/", json: [
                "mobile": "13700000013", "password": "password123", "sms_code": smsCode, "access_token": qqToken])
            // check
            #expect(response.status == .badRequest && response.object["non_field_errors"] != nil)
            #expect(try await AlipayAccount.query(on: env.services.db()).count() == 0)
        }
    }
}
