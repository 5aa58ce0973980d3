import App
import ArgumentParser
import Foundation

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the SQLite database to a new file while the shop runs (PostgreSQL: pg_dump -Fc).")

    @Option(help: "The backup file to write (must not exist).") var to: String

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        do {
            let counts = try await DatabaseBackup.backup(services: services, to: to)
            print("backed up \(counts.count) tables, \(counts.values.reduce(0, +)) rows, to \(to)")
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the SQLite database with a backup (stop the shop first; PostgreSQL: pg_restore).")

    @Option(help: "The backup file to restore.") var from: String

    func run() async throws {
        let (config, logger) = try loadConfig()
        guard case .sqlite(let path) = config.database else { throw DatabaseBackup.Failure.postgres }
        let counts = try await DatabaseBackup.restore(from: from, to: path, logger: logger)
        print("restored \(counts.count) tables, \(counts.values.reduce(0, +)) rows, into \(path)")
    }
}
