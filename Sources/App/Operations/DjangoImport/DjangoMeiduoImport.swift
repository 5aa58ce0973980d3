import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// `meiduo import-django-meiduo`: moves a shop running the original Django Meiduo here without losing customers or
/// history: China areas and the catalog, users (staff, active, joined, email and whether it was verified; their Django
/// passwords still work, see `PasswordHasher`), QQ bindings, addresses (deleted ones stay deleted, the default kept),
/// orders with their lines, reviews and payments, and browse history exported from the original's Redis. Ids are kept,
/// so links and order numbers people hold stay right.
///
/// Everything happens in one transaction: a refused row is skipped with its reason in the report and never half
/// written; `dryRun` does all of it and rolls back. Rows whose id is already here are left alone, so a second run
/// changes nothing.
public struct DjangoMeiduoImport: Sendable {
    public struct Options: Sendable {
        public var dryRun = false
        /// `history_<user_id> <sku_id> …` lines exported from the original's Redis (see the README).
        public var browseHistoryPath: String?
        public init(dryRun: Bool = false, browseHistoryPath: String? = nil) {
            self.dryRun = dryRun
            self.browseHistoryPath = browseHistoryPath
        }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notFound(String)
        case notMeiduo(String, String)
        case unnamedColumns(String)

        public var description: String {
            switch self {
            case .notFound(let path): "\(path): no such file"
            case .notMeiduo(let path, let why): "\(path) is not a Django Meiduo database: \(why)"
            case .unnamedColumns(let table): "the dump names no columns for \(table): dump with mysqldump's default CREATE TABLE statements or with --complete-insert"
            }
        }
    }

    struct RolledBack: Error { let report: ImportReport }

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public func run(path: String, options: Options = Options()) async throws -> ImportReport {
        let source = try await DjangoMeiduoSource.read(path: path)
        guard let users = source["tb_users"], Set(["id", "username", "password", "mobile"]).isSubset(of: users.columns) else {
            throw Failure.notMeiduo(path, "it has no tb_users table with the original's columns (id, username, password, mobile)")
        }
        let history = try options.browseHistoryPath.map { try String(contentsOfFile: $0, encoding: .utf8) }
        do {
            return try await services.db().transaction { tx in
                var report = ImportReport()
                report.dryRun = options.dryRun
                let run = ImportRun(sql: tx as! any SQLDatabase, now: services.clock.now())
                try await importCatalog(source, run: run, into: &report)
                try await ImportAccounts(run: run).importAll(source, browseHistory: history, into: &report)
                try await ImportOrders(run: run).importAll(source, into: &report)
                if services.database.kind == .postgres { try await run.resetSequences() }
                if options.dryRun { throw RolledBack(report: report) }
                return report
            }
        } catch let rolledBack as RolledBack {
            return rolledBack.report
        }
    }

    /// Areas and the catalog, through the dump loader's mapping (our columns are the original's): rows whose id is
    /// here already are left alone.
    func importCatalog(_ source: [String: SourceTable], run: ImportRun, into report: inout ImportReport) async throws {
        let loader = MeiduoDumpLoader(services: services)
        for name in MeiduoDumpLoader.order {
            guard let table = source[name], let mapping = MeiduoDumpLoader.tables[name] else { continue }
            let wanted = mapping.columns.compactMap { $0 }
            let positions: [Int]
            if table.columns.isEmpty {
                positions = Array(wanted.indices)  // a dump without column names lists them in the original's order
            } else {
                positions = try wanted.map { column in
                    guard let i = table.columns.firstIndex(of: column) else { throw Failure.notMeiduo(name, "\(name) has no column \(column)") }
                    return i
                }
            }
            let rows = table.rows.map { row in positions.map { $0 < row.count ? row[$0] : .null } }
            var counts = ImportReport.Table(name: "\(name) → \(mapping.table)")
            counts.read = rows.count
            counts.imported = try await loader.insert(rows, into: mapping.table, columns: wanted, sql: run.sql)
            if mapping.table != "areas" { run.touch(mapping.table) }
            if counts.read > counts.imported { counts.skipped["id already here"] = counts.read - counts.imported }
            report.record(counts)
        }
        if let skus = source["tb_sku"] {
            var names: [Int: String] = [:]
            for row in try await run.sql.raw("SELECT id, name FROM \(ident: SKU.schema)").all() {
                names[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "name", as: String.self)
            }
            run.movedSKUs = Set(skus.records.compactMap { record in record.int("id").flatMap { names[$0] == record.text("name") ? $0 : nil } })
        }
    }
}

/// What one import run shares between its stages: the transaction, its clock reading, and the tables it touched
/// (their PostgreSQL sequences must move past the kept ids).
final class ImportRun: @unchecked Sendable {
    let sql: any SQLDatabase
    let now: Date
    private(set) var touched: Set<String> = []
    /// The source's rows that are here as the same thing (imported now or by an earlier run), by id: rows pointing at
    /// them may follow. An id here that belongs to something else (the shop's own first account, a product of another
    /// catalog) is not one of them, so nobody's orders land on a stranger's account.
    var movedUsers = Set<Int>(), movedAddresses = Set<Int>(), movedOrders: [String: Int64] = [:]
    /// Nil when the source brings no SKUs (its catalog loaded earlier with `load-meiduo-dump`): every SKU here counts.
    var movedSKUs: Set<Int>?

    init(sql: any SQLDatabase, now: Date) {
        self.sql = sql
        self.now = now
    }

    func touch(_ table: String) { touched.insert(table) }

    /// Inserts rows (already checked) 200 at a time.
    func insert(into table: String, columns: [String], rows: [[any SQLExpression]]) async throws {
        guard !rows.isEmpty else { return }
        touch(table)
        for start in stride(from: 0, to: rows.count, by: 200) {
            var builder = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + 200, rows.count)] { builder = builder.values(row) }
            try await builder.run()
        }
    }

    /// The integer ids a table holds now.
    func ids(_ table: String, column: String = "id") async throws -> Set<Int> {
        Set(try await sql.raw("SELECT \(ident: column) AS id FROM \(ident: table)").all().map { try $0.decode(column: "id", as: Int.self) })
    }

    /// A Django time (UTC text) or, missing or unreadable, the import's time.
    func time(_ value: DumpValue) -> Date { value.text.flatMap(MeiduoDumpLoader.parseDate) ?? now }

    func resetSequences() async throws {
        for table in touched.sorted() where table != "order_info" {
            try await sql.raw("""
                SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), COALESCE((SELECT MAX(id) FROM \(ident: table)), 0) + 1, false)
                """).run()
        }
    }
}
