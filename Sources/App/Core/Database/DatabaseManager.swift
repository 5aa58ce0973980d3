import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Which SQL dialect the shop runs on, for the few queries that differ.
public enum DatabaseKind: Sendable { case sqlite, postgres }

/// Owns the FluentKit `Databases` and `Migrator` (the part hummingbird-fluent plays elsewhere).
public final class DatabaseManager: Sendable {
    public let kind: DatabaseKind
    let databases: Databases
    let eventLoopGroup: any EventLoopGroup
    let ownsEventLoopGroup: Bool
    /// SQLite only: read-only work runs on its own connections, one per core, beside the single writer.
    /// WAL lets them read while the writer writes; they never write, so they can't contend for the lock.
    let readers: (databases: Databases, group: any EventLoopGroup)?
    let logger: Logger
    public let migrations: Migrations
    /// PostgreSQL only: how to open a connection outside the pool (a long-lived `LISTEN`).
    public let postgresConfiguration: SQLPostgresConfiguration?

    public init(location: AppConfig.DatabaseLocation, poolSize: Int, statementTimeoutMillis: Int = 15_000, logger: Logger) throws {
        self.logger = logger
        self.migrations = Migrations()
        switch location {
        case .sqlite, .sqliteInMemory:
            self.postgresConfiguration = nil
            // One loop means one SQLite connection: SQLite has a single writer, and one connection
            // serialises transactions instead of failing them with SQLITE_BUSY.
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            self.eventLoopGroup = group
            self.ownsEventLoopGroup = true
            self.kind = .sqlite
            self.databases = Databases(threadPool: .singleton, on: group)
            let storage: SQLiteConfiguration
            if case .sqlite(let path) = location {
                let folder = (path as NSString).deletingLastPathComponent
                if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                storage = .file(path)
                let readGroup = MultiThreadedEventLoopGroup(numberOfThreads: max(2, System.coreCount))
                let readDatabases = Databases(threadPool: .singleton, on: readGroup)
                readDatabases.use(.sqlite(storage, connectionPoolTimeout: .seconds(30)), as: .sqlite)
                self.readers = (readDatabases, readGroup)
            } else {
                // Every in-memory connection would be a database of its own: one connection does everything.
                storage = .memory
                self.readers = nil
            }
            databases.use(.sqlite(storage, connectionPoolTimeout: .seconds(30)), as: .sqlite)
        case .postgres(let url):
            let group = MultiThreadedEventLoopGroup.singleton
            self.eventLoopGroup = group
            self.ownsEventLoopGroup = false
            self.kind = .postgres
            self.databases = Databases(threadPool: .singleton, on: group)
            self.readers = nil
            let perLoop = max(1, poolSize / max(1, System.coreCount))
            var configuration = try SQLPostgresConfiguration(url: url)
            // Sent at connection start-up, so every pooled connection carries them.
            configuration.coreConfiguration.options.additionalStartupParameters = [
                ("statement_timeout", String(statementTimeoutMillis)),
                ("idle_in_transaction_session_timeout", "60000"),
            ]
            self.postgresConfiguration = configuration
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: perLoop, connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace), as: .psql)
        }
    }

    /// A database handle for one unit of work.
    public func db(logger: Logger? = nil) -> any Database {
        databases.database(logger: logger ?? self.logger, on: eventLoopGroup.any())!
    }

    public func sql(logger: Logger? = nil) -> any SQLDatabase {
        db(logger: logger) as! any SQLDatabase
    }

    /// A handle for reads that need no transaction: SQLite's reader connections, or the PostgreSQL pool.
    /// It sees everything committed, so a request may write through `db()` and then read here.
    public func readDB(logger: Logger? = nil) -> any Database {
        guard let readers else { return db(logger: logger) }
        return readers.databases.database(logger: logger ?? self.logger, on: readers.group.any())!
    }

    public func readSQL(logger: Logger? = nil) -> any SQLDatabase {
        readDB(logger: logger) as! any SQLDatabase
    }

    /// Per-database settings that must be in place before anything else runs.
    public func prepareConnection() async throws {
        guard kind == .sqlite else { return }
        // WAL lets readers proceed during a write and survives crashes; it is persistent in the file.
        try await sql().raw("PRAGMA journal_mode=WAL").run()
        try await sql().raw("PRAGMA synchronous=NORMAL").run()
    }

    public func migrate() async throws {
        let migrator = makeMigrator()
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// Names of migrations not yet applied.
    public func pendingMigrations() async throws -> [String] {
        let migrator = makeMigrator()
        try await migrator.setupIfNeeded().get()
        return try await migrator.previewPrepareBatch().get().map { $0.0.name }
    }

    public func revertAll() async throws {
        let migrator = makeMigrator()
        try await migrator.setupIfNeeded().get()
        try await migrator.revertAllBatches().get()
    }

    private func makeMigrator() -> Migrator {
        Migrator(databases: databases, migrations: migrations, logger: logger, on: eventLoopGroup.any(), migrationLogLevel: .debug)
    }

    public func shutdown() async {
        if let readers {
            await readers.databases.shutdownAsync()
            try? await readers.group.shutdownGracefully()
        }
        await databases.shutdownAsync()
        if ownsEventLoopGroup { try? await eventLoopGroup.shutdownGracefully() }
    }
}
