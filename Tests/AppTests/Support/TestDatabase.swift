import FluentKit
import Foundation
import Logging
import SQLKit
@testable import App

/// Gives each test a freshly migrated database of its own: a copied SQLite file by default, or a
/// PostgreSQL database cloned from a migrated template when `TEST_DATABASE_URL` is set.
actor TestDatabases {
    static let shared = TestDatabases()

    private var sqliteTemplate: String?
    private var postgresTemplateReady = false

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    struct Lease: Sendable {
        let location: AppConfig.DatabaseLocation
        let release: @Sendable () async -> Void
    }

    private var tail: Task<Void, Never>?

    /// Leases run one after another: the actor alone would interleave them at every `await`, and
    /// PostgreSQL refuses to copy a template that another copy is reading.
    func lease() async throws -> Lease {
        let previous = tail
        let task = Task {
            await previous?.value
            return try await self.makeLease()
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }

    private func makeLease() async throws -> Lease {
        guard let url = Self.postgresURL else { return try await sqliteLease() }
        do {
            return try await postgresLease(baseURL: url)
        } catch {
            throw TestDatabaseError(description: String(reflecting: error))
        }
    }

    private func sqliteLease() async throws -> Lease {
        let template = try await sqliteTemplatePath()
        let path = NSTemporaryDirectory() + "meiduo-test-\(UUID().uuidString).sqlite"
        try FileManager.default.copyItem(atPath: template, toPath: path)
        return Lease(location: .sqlite(path: path)) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    private func sqliteTemplatePath() async throws -> String {
        if let sqliteTemplate { return sqliteTemplate }
        let path = NSTemporaryDirectory() + "meiduo-template-\(UUID().uuidString).sqlite"
        let manager = try DatabaseManager(location: .sqlite(path: path), poolSize: 1, logger: Self.logger)
        manager.migrations.add(MeiduoApplication.migrations())
        try await manager.migrate()
        // Copies must be self-contained files: fold the WAL back in and leave rollback-journal mode.
        try await manager.sql().raw("PRAGMA journal_mode=DELETE").run()
        await manager.shutdown()
        sqliteTemplate = path
        return path
    }

    private func postgresLease(baseURL: String) async throws -> Lease {
        let admin = try DatabaseManager(location: .postgres(url: baseURL), poolSize: 1, logger: Self.logger)
        do {
            let lease = try await postgresLease(baseURL: baseURL, admin: admin)
            await admin.shutdown()
            return lease
        } catch {
            await admin.shutdown()
            throw error
        }
    }

    private func postgresLease(baseURL: String, admin: DatabaseManager) async throws -> Lease {
        let base = URL(string: baseURL)!.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let template = "\(base)_template"
        if !postgresTemplateReady {
            try await admin.sql().raw("DROP DATABASE IF EXISTS \(ident: template) WITH (FORCE)").run()
            try await admin.sql().raw("CREATE DATABASE \(ident: template)").run()
            let manager = try DatabaseManager(location: .postgres(url: Self.replacingDatabase(in: baseURL, with: template)), poolSize: 1, logger: Self.logger)
            manager.migrations.add(MeiduoApplication.migrations())
            try await manager.migrate()
            await manager.shutdown()
            postgresTemplateReady = true
        }
        let name = "\(base)_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try await admin.sql().raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: template)").run()
        return Lease(location: .postgres(url: Self.replacingDatabase(in: baseURL, with: name))) {
            guard let cleaner = try? DatabaseManager(location: .postgres(url: baseURL), poolSize: 1, logger: Self.logger) else { return }
            try? await cleaner.sql().raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            await cleaner.shutdown()
        }
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
