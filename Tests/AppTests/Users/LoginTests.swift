import Foundation
import Testing
@testable import App

@Suite struct LoginTests {
    @Test func loginByUsernameReturnsToken() async throws {
        try await withApp { client, env in
            // setup
            let user = try await env.createUser("loginuser", password: "password123", mobile: "13800000001")
            // act
            let response = try await client.send(.post, "/authorizations/", json: ["username": "loginuser", "password": "password123"])
            // check
            #expect(response.status == .ok)
            #expect(response.object["user_id"] as? Int == user.id)
            #expect(response.object["username"] as? String == "loginuser")
            #expect((response.object["token"] as? String)?.isEmpty == false)
        }
    }

    @Test func loginByMobileWorks() async throws {
        try await withApp { client, env in
            // setup
            try await env.createUser("loginuser", password: "password123", mobile: "13800000001")
            // act
            let response = try await client.send(.post, "/authorizations/", json: ["username": "13800000001", "password": "password123"])
            // check
            #expect(response.object["username"] as? String == "loginuser")
        }
    }

    @Test func wrongPasswordIsRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.createUser("loginuser", password: "password123", mobile: "13800000001")
            // act
            let response = try await client.send(.post, "/authorizations/", json: ["username": "loginuser", "password": "wrong-password"])
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["non_field_errors"] != nil)
        }
    }

    @Test func repeatedFailuresLockTheAccountForAWhile() async throws {
        try await withApp { client, env in
            // setup
            try await env.createUser("loginuser", password: "password123", mobile: "13800000001")
            for _ in 0..<AccountService.loginFailureLimit {
                try await client.send(.post, "/authorizations/", json: ["username": "loginuser", "password": "guess"])
            }
            // act: even the right password is refused now
            let response = try await client.send(.post, "/authorizations/", json: ["username": "loginuser", "password": "password123"])
            // check
            #expect(response.status == .tooManyRequests)
        }
    }

    @Test func userEndpointNeedsAToken() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/user/")
            // check
            #expect(response.status == .unauthorized)
            #expect(response.object["detail"] as? String == "身份认证信息未提供。")
        }
    }

    @Test func forgedTokenIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            let forged = String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BB" : "AA")
            // act
            let response = try await client.send(.get, "/user/", token: forged)
            // check
            #expect(response.status == .unauthorized)
        }
    }

    @Test func expiredTokenIsRefusedAsExpired() async throws {
        try await withApp { client, env in
            // setup
            let user = try await env.createUser()
            let shortLived = await TokenService(secret: env.services.config.secretKey, userTokenLifetime: -10)
            let token = try await shortLived.userToken(id: user.id!, username: user.username)
            // act
            let response = try await client.send(.get, "/user/", token: token)
            // check
            #expect(response.status == .unauthorized)
            #expect(response.object["detail"] as? String == "签名已过期。")
        }
    }

    @Test func bearerSchemeIsAcceptedToo() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            let response = try await client.execute(uri: "/user/", method: .get, headers: [.authorization: "Bearer \(token)"])
            // check
            #expect(response.status == .ok)
        }
    }
}
