import FluentKit
import SQLKit

/// SQLite cannot alter a column's constraints in place; its documented recipe (sqlite.org/lang_altertable.html,
/// "Making Other Kinds Of Table Schema Changes") rebuilds the table: with foreign keys off and outside any
/// transaction, create the new shape under another name, copy every row, drop the old table, rename the new one,
/// and create the indexes again. Other tables' references name the table, so they point at the rebuilt one.
enum SQLiteTableRebuild {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Rebuilds `table` with `column`'s `NOT NULL` dropped, keeping every row, column, default, reference and index.
    static func dropNotNull(table: String, column: String, on database: any Database) async throws {
        try await database.withConnection { connection in
            let sql = connection as! any SQLDatabase
            let schema = try await sql.raw("""
                SELECT type, name, sql FROM sqlite_master WHERE tbl_name = \(bind: table) AND sql IS NOT NULL
                """).all().map { (try $0.decode(column: "type", as: String.self), try $0.decode(column: "sql", as: String.self)) }
            guard let create = schema.first(where: { $0.0 == "table" })?.1 else { throw Failed(description: "no table \(table)") }
            let quotedTable = "\"\(table)\"", quotedColumn = "\"\(column)\""
            guard let columnStart = create.range(of: quotedColumn + " "),
                  let notNull = create.range(of: " NOT NULL", range: columnStart.upperBound..<create.endIndex),
                  !create[columnStart.upperBound..<notNull.lowerBound].contains(",") else {
                return  // already nullable: nothing to do (a re-run)
            }
            var reshaped = create
            reshaped.removeSubrange(notNull)
            let rebuilt = table + "_rebuilt"
            guard let name = reshaped.range(of: quotedTable) else { throw Failed(description: "unexpected CREATE of \(table)") }
            reshaped.replaceSubrange(name, with: "\"\(rebuilt)\"")
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            do {
                try await sql.raw("BEGIN").run()
                try await sql.raw(SQLQueryString(reshaped)).run()
                try await sql.raw(SQLQueryString("INSERT INTO \"\(rebuilt)\" SELECT * FROM \(quotedTable)")).run()
                try await sql.raw(SQLQueryString("DROP TABLE \(quotedTable)")).run()
                try await sql.raw(SQLQueryString("ALTER TABLE \"\(rebuilt)\" RENAME TO \(quotedTable)")).run()
                for (type, statement) in schema where type == "index" {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                let broken = try await sql.raw(SQLQueryString("PRAGMA foreign_key_check(\(quotedTable))")).all()
                guard broken.isEmpty else { throw Failed(description: "\(broken.count) rows with broken references after rebuilding \(table)") }
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                try? await sql.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }
}
