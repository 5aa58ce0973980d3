import Foundation
import Testing
@testable import App

@Suite struct MigrationTests {
    @Test func freshDatabaseReportsPendingMigrationsUntilMigrated() async throws {
        // setup
        let path = NSTemporaryDirectory() + "meiduo-migration-\(UUID().uuidString).sqlite"
        let manager = try DatabaseManager(location: .sqlite(path: path), poolSize: 1, logger: TestDatabases.logger)
        manager.migrations.add(MeiduoApplication.migrations())
        // act
        let before = try await manager.pendingMigrations()
        try await manager.migrate()
        let after = try await manager.pendingMigrations()
        await manager.shutdown()
        try? FileManager.default.removeItem(atPath: path)
        // check
        #expect(before.count == MeiduoApplication.migrations().count)
        #expect(after.isEmpty)
    }
}
