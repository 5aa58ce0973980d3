import Foundation
import Logging
import SQLKit

/// `meiduo backup` / `meiduo restore` for the embedded SQLite database. A backup is taken online with `VACUUM INTO`:
/// one consistent snapshot, written by SQLite itself while the shop keeps serving, compacted. A restore replaces the
/// database file with a backup (the shop stopped: a running server keeps its open file). PostgreSQL is backed up with
/// its own tools (`pg_dump -Fc`, `pg_restore`), as the README shows.
public enum DatabaseBackup {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case postgres
        case exists(String)
        case notABackup(String)

        public var description: String {
            switch self {
            case .postgres: "PostgreSQL is backed up with pg_dump -Fc and restored with pg_restore (see the README)."
            case .exists(let path): "\(path) exists already: choose another file (a backup never overwrites one)."
            case .notABackup(let path): "\(path) is not a backup of this shop (no SQLite database with its migrations)."
            }
        }
    }

    /// The tables of the database and their row counts, for the report (and the round-trip test).
    public static func counts(_ sql: any SQLDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() {
            let table = try row.decode(column: "name", as: String.self)
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Writes a snapshot of the shop's database to `path` (which must not exist); answers its tables' row counts.
    public static func backup(services: AppServices, to path: String) async throws -> [String: Int] {
        guard services.database.kind == .sqlite else { throw Failure.postgres }
        guard !FileManager.default.fileExists(atPath: path) else { throw Failure.exists(path) }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try await services.sql().raw("VACUUM INTO \(bind: path)").run()
        return try await counts(at: path, logger: services.logger)
    }

    /// Replaces the database at `target` with the backup at `source` (checked first to be one), through a temporary
    /// file renamed into place, and removes the old write-ahead log; answers the restored tables' row counts.
    public static func restore(from source: String, to target: String, logger: Logger) async throws -> [String: Int] {
        let counts: [String: Int]
        do {
            counts = try await Self.counts(at: source, logger: logger)
        } catch {
            throw Failure.notABackup(source)
        }
        guard counts["_fluent_migrations"] != nil else { throw Failure.notABackup(source) }
        let staging = target + ".restoring"
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.copyItem(atPath: source, toPath: staging)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        guard rename(staging, target) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return counts
    }

    /// The row counts of the SQLite database at `path`, opened on its own.
    static func counts(at path: String, logger: Logger) async throws -> [String: Int] {
        guard FileManager.default.fileExists(atPath: path),
              let head = FileHandle(forReadingAtPath: path)?.readData(ofLength: 16), head == Data("SQLite format 3\u{0}".utf8) else {
            throw Failure.notABackup(path)
        }
        let database = try DatabaseManager(location: .sqlite(path: path), poolSize: 1, logger: logger)
        do {
            let counts = try await Self.counts(database.sql())
            await database.shutdown()
            return counts
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
