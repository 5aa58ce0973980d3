import FluentKit
import Foundation
import Logging
import SQLKit
@testable import App

/// Gives each test a freshly migrated database of its own: a copied SQLite file by default, or a
/// PostgreSQL database cloned from a migrated template when `TEST_DATABASE_URL` is set.
actor TestDatabases {
    static let shared = TestDatabases()
    /// PostgreSQL copies one template at a time, so several identical templates let tests start in parallel.
    static let templateCount = 4

    /// TEST_DATABASE_URL when set; a value that is not a postgres:// URL with a database name stops the run clearly.
    static var postgresURL: String? {
        guard let raw = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"]?.trimmingCharacters(in: .whitespacesAndNewlines),
              !raw.isEmpty else { return nil }
        guard let url = URL(string: raw), url.scheme?.hasPrefix("postgres") == true, url.path.count > 1 else {
            fatalError("TEST_DATABASE_URL must look like postgres://user:password@127.0.0.1:5432/database, got \(raw.debugDescription)")
        }
        return raw
    }

    struct Lease: Sendable {
        let location: AppConfig.DatabaseLocation
        let release: @Sendable () async -> Void
    }

    private var sqliteTemplate: Task<String, any Error>?
    private var postgresTemplates: Task<[String], any Error>?
    private var tails: [Task<Void, Never>?] = Array(repeating: nil, count: templateCount)
    private var nextSlot = 0
    /// At most this many test databases are open at once, so PostgreSQL's connection limit is never reached.
    static let maxActive = 12
    private var active = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func lease() async throws -> Lease {
        await acquire()
        do {
            let lease = try await makeLease()
            return Lease(location: lease.location) {
                await lease.release()
                await self.releaseSlot()
            }
        } catch {
            releaseSlot()
            throw revealed(error)
        }
    }

    private func makeLease() async throws -> Lease {
        guard let url = Self.postgresURL else { return try await sqliteLease(template: try await sqliteTemplatePath()) }
        let templates = try await postgresTemplateNames(baseURL: url)
        let slot = nextSlot
        nextSlot = (nextSlot + 1) % Self.templateCount
        return try await serialized(slot: slot) { try await Self.postgresLease(baseURL: url, template: templates[slot]) }
    }

    private func acquire() async {
        if active < Self.maxActive {
            active += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot straight to the next waiter, or frees it.
    private func releaseSlot() {
        if waiting.isEmpty {
            active -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs `body` after every earlier lease of the same slot: the actor alone would interleave them at each `await`.
    private func serialized(slot: Int, _ body: @escaping @Sendable () async throws -> Lease) async throws -> Lease {
        let previous = tails[slot]
        let task = Task {
            await previous?.value
            return try await body()
        }
        tails[slot] = Task { _ = try? await task.value }
        return try await task.value
    }

    private func sqliteLease(template: String) async throws -> Lease {
        let path = NSTemporaryDirectory() + "meiduo-test-\(UUID().uuidString).sqlite"
        try FileManager.default.copyItem(atPath: template, toPath: path)
        return Lease(location: .sqlite(path: path)) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    private func sqliteTemplatePath() async throws -> String {
        if let sqliteTemplate { return try await sqliteTemplate.value }
        let task = Task {
            let path = NSTemporaryDirectory() + "meiduo-template-\(UUID().uuidString).sqlite"
            let manager = try DatabaseManager(location: .sqlite(path: path), poolSize: 1, logger: Self.logger)
            manager.migrations.add(MeiduoApplication.migrations())
            try await manager.migrate()
            // Copies must be self-contained files: fold the WAL back in and leave rollback-journal mode.
            try await manager.sql().raw("PRAGMA journal_mode=DELETE").run()
            await manager.shutdown()
            return path
        }
        sqliteTemplate = task
        return try await task.value
    }

    /// Migrates one template, then clones it into the others; once per test run.
    private func postgresTemplateNames(baseURL: String) async throws -> [String] {
        if let postgresTemplates { return try await postgresTemplates.value }
        let task = Task {
            let names = (0..<Self.templateCount).map { "\(Self.baseName(baseURL))_template_\($0)" }
            try await Self.withAdmin(baseURL) { sql in
                for name in names { try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
                try await sql.raw("CREATE DATABASE \(ident: names[0])").run()
            }
            let manager = try DatabaseManager(location: .postgres(url: Self.replacingDatabase(in: baseURL, with: names[0])), poolSize: 1, logger: Self.logger)
            manager.migrations.add(MeiduoApplication.migrations())
            try await manager.migrate()
            await manager.shutdown()
            try await Self.withAdmin(baseURL) { sql in
                for name in names.dropFirst() { try await sql.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: names[0])").run() }
            }
            return names
        }
        postgresTemplates = task
        return try await task.value
    }

    private static func postgresLease(baseURL: String, template: String) async throws -> Lease {
        let name = "\(baseName(baseURL))_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try await withAdmin(baseURL) { sql in
            try await sql.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: template)").run()
        }
        return Lease(location: .postgres(url: replacingDatabase(in: baseURL, with: name))) {
            try? await withAdmin(baseURL) { sql in
                try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            }
        }
    }

    private static func withAdmin(_ baseURL: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let admin = try DatabaseManager(location: .postgres(url: baseURL), poolSize: 1, logger: logger)
        do {
            try await body(admin.sql())
        } catch {
            await admin.shutdown()
            throw error
        }
        await admin.shutdown()
    }

    static func baseName(_ url: String) -> String {
        URL(string: url)!.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }

    static let logger: Logger = {
        var logger = Logger(label: "meiduo-test")
        logger.logLevel = .warning
        return logger
    }()
}

struct TestDatabaseError: Error, CustomStringConvertible {
    let description: String
}
