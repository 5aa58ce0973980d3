import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid login token is only as good as its account: deleted or disabled accounts get 401 everywhere
/// (anonymous on the cart), and a withdrawn staff role ends with the account's change.
@Suite struct TokenAccountStatusTests {
    /// Every authenticated endpoint a shopper's token opens, with a body that would otherwise be accepted.
    static var authenticated: [(HTTPRequest.Method, String, [String: Any]?)] { [
        (.get, "/user/", nil), (.get, "/orders/", nil), (.get, "/orders/all/", nil), (.get, "/addresses/", nil),
        (.post, "/addresses/", addressBody()), (.post, "/browse_histories/", ["sku_id": 1]),
        (.get, "/browse_histories/", nil), (.get, "/orders/settlement/", nil),
        (.post, "/orders/", ["address": 1, "pay_method": 1]), (.put, "/email/", ["email": "a@example.com"]),
    ] }

    /// A correctly signed token for a user id no account has (what a deleted user's token looks like).
    static func tokenOfAMissingUser(_ env: TestEnvironment) async throws -> String {
        try await env.services.tokens.userToken(id: 987_654, username: "vanished")
    }

    @Test func aDeletedUsersTokenGets401OnEveryAuthenticatedEndpoint() async throws {
        try await withApp { client, env in
            // setup
            let token = try await Self.tokenOfAMissingUser(env)
            for (method, uri, body) in Self.authenticated {
                // act
                let response = try await client.send(method, uri, json: body, token: token)
                // check
                #expect(response.status == .unauthorized, "\(method) \(uri): \(response.status) \(response.text)")
                #expect(response.object["detail"] as? String == APIError.accountGone.detailText, "\(method) \(uri)")
            }
        }
    }

    @Test func aDeletedUsersTokenIsAnonymousOnTheCart() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let token = try await Self.tokenOfAMissingUser(env)
            // act
            let response = try await client.send(.post, "/cart/", json: ["sku_id": 1, "count": 1], token: token)
            // check: kept in the anonymous cookie, never written against the missing user
            #expect(response.status == .created)
            #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("cart=") })
        }
    }

    @Test func aDisabledAccountsTokenStopsWorkingAtOnce() async throws {
        try await withApp { client, env in
            // setup: the token worked before
            let (user, token) = try await env.loggedInUser()
            #expect(try await client.send(.get, "/user/", token: token).status == .ok)
            // act
            try await AccountService(services: env.services).setActive(userID: user.id!, false)
            // check
            for (method, uri, body) in Self.authenticated {
                let response = try await client.send(method, uri, json: body, token: token)
                #expect(response.status == .unauthorized, "\(method) \(uri): \(response.status)")
                #expect(response.object["detail"] as? String == APIError.accountDisabled.detailText, "\(method) \(uri)")
            }
        }
    }

    @Test func aReenabledAccountsTokenWorksAgain() async throws {
        try await withApp { client, env in
            // setup
            let (user, token) = try await env.loggedInUser()
            let accounts = AccountService(services: env.services)
            try await accounts.setActive(userID: user.id!, false)
            // act
            try await accounts.setActive(userID: user.id!, true)
            // check
            #expect(try await client.send(.get, "/user/", token: token).status == .ok)
        }
    }

    @Test func aWithdrawnStaffRoleEndsForTheSameToken() async throws {
        try await withApp { client, env in
            // setup: a staff member's token, read by the middleware once
            let (staff, token) = try await env.loggedInUser("staff0001", mobile: "13899990000")
            let accounts = AccountService(services: env.services)
            try await accounts.setStaff(userID: staff.id!, true)
            _ = try await client.send(.get, "/user/", token: token)
            // act
            try await accounts.setStaff(userID: staff.id!, false)
            let response = try await client.send(.put, "/orders/20240101000000000000001001/ship/", token: token)
            // check
            #expect(response.status == .forbidden)
        }
    }

    @Test func theStatusIsReadOncePerUserWithinTheCacheLifetime() async throws {
        // setup: a lookup that counts its calls
        let calls = Counter()
        let cache = AccountStatusCache(lifetime: .seconds(60)) { _ in
            calls.increment()
            return AccountStatus(isActive: true, isStaff: false)
        }
        // act
        for _ in 0..<10 { _ = try await cache.status(of: 7) }
        cache.forget(7)
        _ = try await cache.status(of: 7)
        // check: once, and once more after forgetting
        #expect(calls.value == 2)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

extension APIError {
    /// The `detail` text of a `{"detail": …}` error.
    var detailText: String? {
        if case .detail(let text) = body { return text }
        return nil
    }
}
