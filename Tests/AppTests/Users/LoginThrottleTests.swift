import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import App

/// The login throttle under attack: bursts of concurrent guesses, the same account by another name, and a
/// lock that always ends.
@Suite struct LoginThrottleTests {
    static func login(_ client: any TestClientProtocol, _ account: String, _ password: String) async -> HTTPResponse.Status {
        (try? await client.send(.post, "/authorizations/", json: ["username": account, "password": password]).status) ?? .internalServerError
    }

    /// Sends every password at once and gives each answer's status.
    static func burst(_ client: any TestClientProtocol, _ account: String, passwords: [String]) async -> [HTTPResponse.Status] {
        await withTaskGroup(of: HTTPResponse.Status.self) { group in
            for password in passwords { group.addTask { await login(client, account, password) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test(.heavy) func aBurstOfWrongPasswordsHasAtMostTheLimitChecked() async throws {
        try await withApp { client, env in
            // setup
            try await env.createUser("burstuser", password: "password123", mobile: "13800000001")
            // act: 40 guesses at once
            let statuses = await Self.burst(client, "burstuser", passwords: (0..<40).map { "wrong-\($0)" })
            // check: only the limit's worth were checked (400), every other one was refused unchecked (429)
            #expect(statuses.filter { $0 == .badRequest }.count == AccountService.loginFailureLimit)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 40 - AccountService.loginFailureLimit)
        }
    }

    @Test(.heavy) func theRightPasswordInsideABurstIsCheckedOnlyWithinTheLimit() async throws {
        try await withApp { client, env in
            // setup
            try await env.createUser("burstuser", password: "password123", mobile: "13800000001")
            var passwords = (0..<39).map { "wrong-\($0)" }
            passwords.insert("password123", at: 20)
            // act
            let statuses = await Self.burst(client, "burstuser", passwords: passwords)
            // check: at most the limit's worth reached the password check, the right one included if it got in
            #expect(statuses.filter { $0 != .tooManyRequests }.count <= AccountService.loginFailureLimit)
            #expect(statuses.allSatisfy { [.ok, .badRequest, .tooManyRequests].contains($0) })
        }
    }

    @Test(.heavy) func theRightPasswordDoesNotLogInWhileLocked() async throws {
        try await withApp { client, env in
            // setup: the account is locked by five failures
            try await env.createUser("burstuser", password: "password123", mobile: "13800000001")
            for i in 0..<AccountService.loginFailureLimit { _ = await Self.login(client, "burstuser", "wrong-\(i)") }
            // act: a burst that holds the right password
            let statuses = await Self.burst(client, "burstuser", passwords: ["password123"] + (0..<19).map { "wrong-\($0)" })
            // check
            #expect(statuses.allSatisfy { $0 == .tooManyRequests })
        }
    }

    @Test func usernameAndMobileShareOneCounter() async throws {
        try await withApp { client, env in
            // setup: three failures by username, two by mobile
            try await env.createUser("shareduser", password: "password123", mobile: "13800000002")
            for i in 0..<3 { _ = await Self.login(client, "shareduser", "wrong-\(i)") }
            for i in 0..<2 { _ = await Self.login(client, "13800000002", "wrong-\(i)") }
            // act: the right password, by either name
            let byMobile = await Self.login(client, "13800000002", "password123")
            let byName = await Self.login(client, "shareduser", "password123")
            // check
            #expect(byMobile == .tooManyRequests)
            #expect(byName == .tooManyRequests)
        }
    }

    @Test func aLockEndsWhenItsWindowHasPassed() async throws {
        try await withApp { client, env in
            // setup: locked, then the window runs out (the counter's expiry moved into the past)
            let user = try await env.createUser("lockeduser", password: "password123", mobile: "13800000003")
            for i in 0..<AccountService.loginFailureLimit { _ = await Self.login(client, "lockeduser", "wrong-\(i)") }
            #expect(await Self.login(client, "lockeduser", "password123") == .tooManyRequests)
            let key = AccountService.loginThrottleKey(user: user, account: "lockeduser")
            try await env.services.sql().raw("UPDATE kv_entries SET expires_at = \(bind: env.services.clock.nowMillis() - 1) WHERE entry_key = \(bind: key)").run()
            // act
            let status = await Self.login(client, "lockeduser", "password123")
            // check
            #expect(status == .ok)
        }
    }

    @Test func aSuccessfulLoginClearsEarlierFailures() async throws {
        try await withApp { client, env in
            // setup: four failures, then a success
            try await env.createUser("cleareduser", password: "password123", mobile: "13800000004")
            for i in 0..<(AccountService.loginFailureLimit - 1) { _ = await Self.login(client, "cleareduser", "wrong-\(i)") }
            #expect(await Self.login(client, "cleareduser", "password123") == .ok)
            // act: one more failure does not lock
            _ = await Self.login(client, "cleareduser", "wrong-again")
            let status = await Self.login(client, "cleareduser", "password123")
            // check
            #expect(status == .ok)
        }
    }
}
