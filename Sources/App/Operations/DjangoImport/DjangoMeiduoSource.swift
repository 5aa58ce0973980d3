import FluentSQLiteDriver
import Foundation
import MeiduoRules

/// The database of a shop running the original Django Meiduo, read whole: a MySQL dump (`mysqldump meiduo > x.sql`) or
/// a Django SQLite file (`db.sqlite3`). Only read: the source is never written to.
enum DjangoMeiduoSource {
    static func read(path: String) async throws -> [String: SourceTable] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw DjangoMeiduoImport.Failure.notFound(path) }
        let head = handle.readData(ofLength: 16)
        try? handle.close()
        if head == Data("SQLite format 3\u{0}".utf8) { return try await readSQLite(path: path) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DjangoMeiduoImport.Failure.notMeiduo(path, "neither a SQLite database nor a MySQL dump in UTF-8")
        }
        do {
            return try MySQLDumpParser.tables(in: text)
        } catch {
            throw DjangoMeiduoImport.Failure.notMeiduo(path, "its INSERT statements can't be read (\(error))")
        }
    }

    /// Every table of a Django SQLite file, columns from `PRAGMA table_info`, values as they are stored (Django keeps
    /// decimals as numbers, booleans as 0/1, times as `2018-04-11 15:58:07.692997` text in UTC).
    static func readSQLite(path: String) async throws -> [String: SourceTable] {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        do {
            var tables: [String: SourceTable] = [:]
            let names = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'tb\\_%' ESCAPE '\\'")
            for row in names {
                guard let name = row.column("name")?.string else { continue }
                let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let columns = try await connection.query("PRAGMA table_info(\(quoted))").compactMap { $0.column("name")?.string }
                let rows = try await connection.query("SELECT * FROM \(quoted)").map { row in
                    columns.map { value(row.column($0) ?? .null) }
                }
                tables[name] = SourceTable(name: name, columns: columns, rows: rows)
            }
            try await connection.close()
            return tables
        } catch {
            try? await connection.close()
            throw error
        }
    }

    static func value(_ data: SQLiteData) -> DumpValue {
        switch data {
        case .null: return .null
        case .integer(let int): return .number(String(int))
        case .float(let double): return .number(String(double))
        case .text(let text): return .string(text)
        case .blob(let buffer): return .string(String(buffer: buffer))
        }
    }
}
