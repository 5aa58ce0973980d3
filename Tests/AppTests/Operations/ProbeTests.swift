import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

@Suite struct ProbeTests {
    @Test func healthAnswersWithoutTheDatabase() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/health/")
            // check
            #expect(response.status == .ok)
            #expect(response.object["status"] as? String == "ok")
        }
    }

    @Test func readyWhenMigrated() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/ready/")
            // check
            #expect(response.status == .ok)
            #expect(response.object["status"] as? String == "ready")
        }
    }

    @Test func notReadyWhileAMigrationIsPending() async throws {
        try await withApp { client, env in
            // setup
            env.services.database.migrations.add(PendingProbeMigration())
            // act
            let response = try await client.send(.get, "/ready/")
            // check
            #expect(response.status == .serviceUnavailable)
            #expect(response.object["status"] as? String == "unavailable")
            #expect((response.object["detail"] as? String)?.contains("1 migration") == true)
        }
    }
}

/// A migration the test database has never run.
struct PendingProbeMigration: AsyncMigration {
    func prepare(on database: any Database) async throws {}
    func revert(on database: any Database) async throws {}
}
