import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// QQ login through the app, against Tests/Support/fake_qq.py standing in for graph.qq.com: codes are
/// good once, and the fake refuses any other app id, secret or redirect URI than the registered ones.
@Suite(.heavy, .timeLimit(.minutes(10)))
struct QQLoginTests {
    static let openid = "A1B2C3D4E5F60718293A4B5C6D7E8F90"

    /// Exchanges `code` through the callback endpoint and returns the binding token it answers.
    func accessToken(_ client: any TestClientProtocol, code: String) async throws -> String {
        let response = try await client.send(.get, "/oauth/qq/user/?code=\(code)")
        return try #require(response.object["access_token"] as? String, "callback answered \(response.status): \(response.text)")
    }

    func bind(_ client: any TestClientProtocol, mobile: String, password: String = "password123",
              smsCode: String, accessToken: String) async throws -> TestResponse {
        try await client.send(.post, "/oauth/qq/user/", json: [
            "mobile": mobile, "password": password, "sms_code": smsCode, "access_token": accessToken,
        ])
    }

    func binding(of openid: String, _ env: TestEnvironment) async throws -> QQAccount? {
        try await QQAccount.query(on: env.services.db()).filter(\.$openid == openid).first()
    }

    @Test func authorizationURLCarriesClientRedirectAndState() async throws {
        // setup: building the URL does not call QQ, so no fake is needed
        try await withApp({ $0.qq = FakeQQServer.config(apiPort: 9) }) { client, _ in
            // act
            let response = try await client.send(.get, "/oauth/qq/authorization/?next=/user_center_info.html")
            // check
            #expect(response.status == .ok)
            let loginURL = try #require(response.object["login_url"] as? String)
            #expect(response.object["oauth_url"] as? String == loginURL)
            let components = try #require(URLComponents(string: loginURL))
            let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(loginURL.hasPrefix(FakeQQServer.authorizeURL + "?"))
            #expect(query["response_type"] == "code")
            #expect(query["client_id"] == FakeQQServer.clientID)
            #expect(query["redirect_uri"] == FakeQQServer.redirectURI)
            #expect(query["state"] == "/user_center_info.html")
        }
    }

    @Test func unconfiguredQQAnswers503() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/oauth/qq/authorization/?next=/")
            // check
            #expect(response.status == .serviceUnavailable)
            #expect(response.object["message"] as? String == "QQ服务异常")
        }
    }

    @Test func unknownCodeIsRefused() async throws {
        // setup
        let fake = try await FakeQQServer.start()
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.qq = config }) { client, _ in
            // act
            let response = try await client.send(.get, "/oauth/qq/user/?code=NOT_ISSUED")
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] as? String == "QQ登录失败")
        }
    }

    @Test func wrongClientSecretIsRefusedByQQ() async throws {
        // setup: a valid code, but the shop presents the wrong app secret
        let fake = try await FakeQQServer.start(codes: ["CODE1": Self.openid])
        defer { fake.stop() }
        let config = fake.config(clientSecret: "not-the-secret")
        try await withApp({ $0.qq = config }) { client, _ in
            // act
            let response = try await client.send(.get, "/oauth/qq/user/?code=CODE1")
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] as? String == "QQ登录失败")
        }
    }

    @Test func firstLoginWithNewOpenidAsksForBinding() async throws {
        // setup
        let fake = try await FakeQQServer.start(codes: ["CODE1": Self.openid])
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.qq = config }) { client, env in
            // act
            let response = try await client.send(.get, "/oauth/qq/user/?code=CODE1")
            // check
            #expect(response.status == .ok)
            #expect((response.object["access_token"] as? String)?.isEmpty == false)
            #expect(response.object["token"] == nil)
            #expect(try await binding(of: Self.openid, env) == nil)
        }
    }

    @Test func bindingNewMobileCreatesUserNamedAfterMobile() async throws {
        // setup
        let fake = try await FakeQQServer.start(codes: ["CODE1": Self.openid])
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.qq = config }) { client, env in
            let token = try await accessToken(client, code: "CODE1")
            let smsCode = try await env.sendSMSCode(to: "13700000001")
            // act
            let response = try await bind(client, mobile: "13700000001", smsCode: smsCode, accessToken: token)
            // check
            #expect(response.status == .created)
            #expect(response.object["username"] as? String == "13700000001")
            let user = try #require(try await User.query(on: env.services.db()).filter(\.$mobile == "13700000001").first())
            #expect(user.username == "13700000001")
            #expect(response.object["user_id"] as? Int == user.id)
            #expect(try await binding(of: Self.openid, env)?.userID == user.id)
        }
    }

    @Test func tokenFromBindingWorksOnCurrentUser() async throws {
        // setup
        let fake = try await FakeQQServer.start(codes: ["CODE1": Self.openid])
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.qq = config }) { client, env in
            let token = try await accessToken(client, code: "CODE1")
            let smsCode = try await env.sendSMSCode(to: "13700000001")
            let bound = try await bind(client, mobile: "13700000001", smsCode: smsCode, accessToken: token)
            let login = try #require(bound.object["token"] as? String)
            // act
            let response = try await client.send(.get, "/user/", token: login)
            // check
            #expect(response.status == .ok)
            #expect(response.object["username"] as? String == "13700000001")
            #expect(response.object["mobile"] as? String == "13700000001")
            #expect(response.object["id"] as? Int == bound.object["user_id"] as? Int)
        }
    }

    @Test func bindingExistingMobileWithWrongPasswordIsRefused() async throws {
        // setup
        let fake = try await FakeQQServer.start(codes: ["CODE1": Self.openid])
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.qq = config }) { client, env in
            try await env.createUser("shopper01", password: "password123", mobile: "13800138000")
            let token = try await accessToken(client, code: "CODE1")
            let smsCode = try await env.sendSMSCode(to: "13800138000")
            // act
            let response = try await bind(client, mobile: "13800138000", password: "wrongpass9", smsCode: smsCode, accessToken: token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] as? String == "密码错误")
            #expect(try await binding(of: Self.openid, env) == nil)
        }
    }

    @Test func bindingExistingMobileWithRightPasswordBindsThatUser() async throws {
        // setup
        let fake = try await FakeQQServer.start(codes: ["CODE1": Self.openid])
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.qq = config }) { client, env in
            let user = try await env.createUser("shopper01", password: "password123", mobile: "13800138000")
            let token = try await accessToken(client, code: "CODE1")
            let smsCode = try await env.sendSMSCode(to: "13800138000")
            // act
            let response = try await bind(client, mobile: "13800138000", password: "password123", smsCode: smsCode, accessToken: token)
            // check
            #expect(response.status == .created)
            #expect(response.object["user_id"] as? Int == user.id)
            #expect(response.object["username"] as? String == "shopper01")
            #expect(try await binding(of: Self.openid, env)?.userID == user.id)
            #expect(try await User.query(on: env.services.db()).count() == 1)
        }
    }

    @Test func boundOpenidLogsStraightIn() async throws {
        // setup: QQ issues two codes for the same QQ user, one per login
        let fake = try await FakeQQServer.start(codes: ["CODE1": Self.openid, "CODE2": Self.openid])
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.qq = config }) { client, env in
            let token = try await accessToken(client, code: "CODE1")
            let smsCode = try await env.sendSMSCode(to: "13700000001")
            let bound = try await bind(client, mobile: "13700000001", smsCode: smsCode, accessToken: token)
            // act
            let response = try await client.send(.get, "/oauth/qq/user/?code=CODE2")
            // check
            #expect(response.status == .ok)
            #expect((response.object["token"] as? String)?.isEmpty == false)
            #expect(response.object["user_id"] as? Int == bound.object["user_id"] as? Int)
            #expect(response.object["username"] as? String == "13700000001")
            #expect(response.object["access_token"] == nil)
        }
    }

    @Test func forgedAccessTokenIsRefused() async throws {
        // setup: a genuine token whose payload is rewritten to claim another QQ user's openid
        let fake = try await FakeQQServer.start(codes: ["CODE1": Self.openid])
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.qq = config }) { client, env in
            let genuine = try await accessToken(client, code: "CODE1")
            var parts = genuine.split(separator: ".").map(String.init)
            try #require(parts.count == 3)
            parts[1] = Self.base64URL(Self.decodeBase64URL(parts[1]).replacingOccurrences(of: Self.openid, with: "VICTIM_OPENID"))
            let forged = parts.joined(separator: ".")
            let smsCode = try await env.sendSMSCode(to: "13700000001")
            // act
            let response = try await bind(client, mobile: "13700000001", smsCode: smsCode, accessToken: forged)
            // check
            #expect(forged != genuine)
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["无效的access_token"])
            #expect(try await binding(of: "VICTIM_OPENID", env) == nil)
        }
    }

    @Test func expiredAccessTokenIsRefused() async throws {
        try await withApp({ $0.qq = FakeQQServer.config(apiPort: 9) }) { client, env in
            // setup: a binding token that ran out a minute ago
            let expired = try await env.services.tokens.purposeToken(ThirdPartyProvider.qq.purpose, data: ["id": Self.openid], lifetime: -60)
            let smsCode = try await env.sendSMSCode(to: "13700000001")
            // act
            let response = try await bind(client, mobile: "13700000001", smsCode: smsCode, accessToken: expired)
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["无效的access_token"])
        }
    }

    @Test func wrongSMSCodeIsRefused() async throws {
        // setup
        let fake = try await FakeQQServer.start(codes: ["CODE1": Self.openid])
        defer { fake.stop() }
        let config = fake.config()
        try await withApp({ $0.qq = config }) { client, env in
            let token = try await accessToken(client, code: "CODE1")
            let smsCode = try await env.sendSMSCode(to: "13700000001")
            let wrong = smsCode == "000000" ? "111111" : "000000"
            // act
            let response = try await bind(client, mobile: "13700000001", smsCode: wrong, accessToken: token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["短信验证码错误"])
            #expect(try await binding(of: Self.openid, env) == nil)
        }
    }

    @Test func qqServerDownAnswers503() async throws {
        // setup: a port that was free a moment ago, so nothing listens there
        let listener = try await SilentServer.start()
        let port = listener.port
        try await listener.stop()
        try await withApp({ $0.qq = FakeQQServer.config(apiPort: port) }) { client, _ in
            // act
            let response = try await client.send(.get, "/oauth/qq/user/?code=CODE1")
            // check
            #expect(response.status == .serviceUnavailable)
            #expect(response.object["message"] as? String == "QQ服务异常")
        }
    }

    static func decodeBase64URL(_ text: String) -> String {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)
    }

    static func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
