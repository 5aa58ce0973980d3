import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// Signing in at `/admin/`: staff only, the shop's own login checks, a session of the back office's own length.
@Suite struct AdminSignInTests {
    @Test func staffSignInWithTheirRolesAndPermissions() async throws {
        try await withApp { client, env in
            // setup
            _ = try await env.staffMember("agent0001", mobile: "13899990001", role: "订单客服")
            // act
            let response = try await client.send(.post, "/admin/api/authorizations/", json: ["username": "agent0001", "password": "password123"])
            // check
            let me = response.object["me"] as? [String: Any] ?? [:]
            #expect(response.status == .ok)
            #expect(response.object["expires_in"] as? Int == 28_800)
            #expect(me["roles"] as? [String] == ["订单客服"] && me["superuser"] as? Bool == false)
            #expect(me["permissions"] as? [String] == ["dashboard.read", "users.read", "orders.read", "orders.write"])
        }
    }

    @Test func aShopperWithTheRightPasswordIsRefused() async throws {
        try await withApp { client, env in
            // setup
            _ = try await env.createUser("shopper01", password: "password123")
            // act
            let response = try await client.send(.post, "/admin/api/authorizations/", json: ["username": "shopper01", "password": "password123"])
            // check
            #expect(response.status == .forbidden)
            #expect(response.detailOnly == "此账号不是员工账号，不能登录运营后台。")
        }
    }

    @Test func aWrongPasswordIsTheShopsLoginRefusal() async throws {
        try await withApp { client, env in
            // setup
            _ = try await env.staffMember("agent0001", mobile: "13899990001", role: "订单客服")
            // act
            let response = try await client.send(.post, "/admin/api/authorizations/", json: ["username": "agent0001", "password": "wrong-password"])
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors != nil)
        }
    }

    @Test func theBackOfficeSessionEndsBeforeAShoppersWould() async throws {
        let clock = ManualClock(Date())
        try await withApp({ $0.adminSessionSeconds = 3_600 }, clock: clock.shopClock) { client, env in
            // setup
            _ = try await env.staffMember("agent0001", mobile: "13899990001", role: "订单客服")
            let login = try await client.send(.post, "/admin/api/authorizations/", json: ["username": "agent0001", "password": "password123"])
            let token = login.object["token"] as? String ?? ""
            // act
            clock.advance(by: 3_599)
            let inTime = try await client.send(.get, "/admin/api/me/", token: token)
            clock.advance(by: 2)
            let late = try await client.send(.get, "/admin/api/me/", token: token)
            // check
            #expect(inTime.status == .ok)
            #expect(late.status == .unauthorized && late.detailOnly == APIError.tokenExpired.detailText)
        }
    }
}
