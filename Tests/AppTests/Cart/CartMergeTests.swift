import FluentKit
import Foundation
import HummingbirdTesting
import Testing
@testable import App

@Suite struct CartMergeTests {
    /// An anonymous cart of SKU 1 ×2 (selected) and SKU 3 ×1 (not selected).
    func anonymousCart(_ client: any TestClientProtocol) async throws -> String {
        let first = try await client.cart(.post, json: ["sku_id": 1, "count": 2])
        return try #require(try await client.cart(.post, json: ["sku_id": 3, "count": 1, "selected": false], cookie: first.cartCookie).cartCookie)
    }

    func storedLines(_ env: TestEnvironment, _ userID: Int) async throws -> [Int: (Int, Bool)] {
        var result: [Int: (Int, Bool)] = [:]
        for line in try await CartService(services: env.services).lines(.user(userID)) { result[line.skuID] = (line.count, line.selected) }
        return result
    }

    @Test func passwordLoginMergesWithCookieWinningAndClearsTheCookie() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let user = try await env.createUser("merger01", password: "password123", mobile: "13811112222")
            _ = try await CartService(services: env.services).add(.user(user.id!), skuID: 1, count: 5, selected: false)
            _ = try await CartService(services: env.services).add(.user(user.id!), skuID: 4, count: 1, selected: true)
            let cookie = try await anonymousCart(client)
            // act
            let login = try await client.send(.post, "/authorizations/", json: ["username": "merger01", "password": "password123"], headers: [.cookie: "cart=\(cookie)"])
            // check
            let lines = try await storedLines(env, user.id!)
            #expect(login.status == .ok)
            #expect(login.clearsCartCookie)
            #expect(lines[1]?.0 == 2 && lines[1]?.1 == true)
            #expect(lines[4]?.0 == 1)
            #expect(lines[3]?.0 == 1 && lines[3]?.1 == false)
        }
    }

    @Test func registrationMergesTheCookieCart() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let cookie = try await anonymousCart(client)
            let code = try await env.sendSMSCode(to: "13722223333")
            // act
            let response = try await client.send(.post, "/users/", json: [
                "username": "newbuyer1", "password": "password123", "password2": "password123",
                "mobile": "13722223333", "sms_code": code, "allow": true,
            ], headers: [.cookie: "cart=\(cookie)"])
            // check
            let id = try #require(response.object["id"] as? Int)
            #expect(response.clearsCartCookie)
            #expect(try await storedLines(env, id).count == 2)
        }
    }

    @Test(.heavy) func qqLoginMergesTheCookieCart() async throws {
        let qq = try await FakeQQServer.start(codes: ["code-1": "OPENID-MERGE", "code-2": "OPENID-MERGE"])
        defer { qq.stop() }
        let config = qq.config()
        try await withApp({ $0.qq = config }) { client, env in
            // setup: bind the QQ account once, then come back anonymous with a cart
            try await env.loadMeiduoSample()
            let user = try await env.createUser("qquser01", password: "password123", mobile: "13733334444")
            try await QQAccount(userID: user.id!, openid: "OPENID-MERGE").create(on: env.services.db())
            let cookie = try await anonymousCart(client)
            // act
            let response = try await client.send(.get, "/oauth/qq/user/?code=code-1", headers: [.cookie: "cart=\(cookie)"])
            // check
            #expect(response.object["user_id"] as? Int == user.id)
            #expect(response.clearsCartCookie)
            #expect(try await storedLines(env, user.id!).count == 2)
        }
    }

    @Test func tamperedCookieAtLoginMergesNothingButStillLogsIn() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let user = try await env.createUser("merger02", password: "password123", mobile: "13811113333")
            // act
            let login = try await client.send(.post, "/authorizations/", json: ["username": "merger02", "password": "password123"],
                                              headers: [.cookie: "cart=v1.1:50:1.forged"])
            // check
            #expect(login.status == .ok)
            #expect(try await storedLines(env, user.id!).isEmpty)
        }
    }
}
