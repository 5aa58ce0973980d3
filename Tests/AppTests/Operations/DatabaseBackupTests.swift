import Foundation
import SQLKit
import Testing
@testable import App

/// `meiduo backup` and `meiduo restore` on SQLite: a backup taken while the shop runs restores every row.
@Suite struct DatabaseBackupTests {
    static func folder() -> String { NSTemporaryDirectory() + "meiduo-backup-\(UUID().uuidString)" }

    @Test func aBackupRestoredIntoAnEmptyPlaceKeepsEveryRowOfEveryTable() async throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withServices({ $0.database = .sqlite(path: dir + "/shop.sqlite") }) { env in
            // setup: a shop on a SQLite file of its own (migrated here), with the Meiduo sample and a user
            try await env.services.database.migrate()
            try await env.loadMeiduoSample()
            _ = try await env.loggedInUser()
            let before = try await DatabaseBackup.counts(env.services.sql())
            // act
            let written = try await DatabaseBackup.backup(services: env.services, to: dir + "/backup.sqlite")
            let restored = try await DatabaseBackup.restore(from: dir + "/backup.sqlite", to: dir + "/restored.sqlite", logger: TestDatabases.logger)
            // check
            #expect(written == before && restored == before)
            #expect((before["skus"] ?? 0) > 0 && before["users"] == 1)
            let reopened = try DatabaseManager(location: .sqlite(path: dir + "/restored.sqlite"), poolSize: 1, logger: TestDatabases.logger)
            let name = try await reopened.sql().raw("SELECT name FROM skus WHERE id = 1").first()?.decode(column: "name", as: String.self)
            await reopened.shutdown()
            #expect(name?.isEmpty == false)
        }
    }

    @Test func aBackupNeverOverwritesAFileAndARestoreRefusesOneThatIsNotABackup() async throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/notes.txt", contents: Data("hello".utf8))
        try await withServices({ $0.database = .sqlite(path: dir + "/shop.sqlite") }) { env in
            // act
            let overwrite = await #expect(throws: DatabaseBackup.Failure.self) {
                _ = try await DatabaseBackup.backup(services: env.services, to: dir + "/notes.txt")
            }
            let notBackup = await #expect(throws: DatabaseBackup.Failure.self) {
                _ = try await DatabaseBackup.restore(from: dir + "/notes.txt", to: dir + "/shop2.sqlite", logger: TestDatabases.logger)
            }
            // check: the notes untouched, nothing restored
            #expect(overwrite == .exists(dir + "/notes.txt") && notBackup == .notABackup(dir + "/notes.txt"))
            #expect(String(data: FileManager.default.contents(atPath: dir + "/notes.txt") ?? Data(), encoding: .utf8) == "hello")
            #expect(!FileManager.default.fileExists(atPath: dir + "/shop2.sqlite"))
        }
    }
}
