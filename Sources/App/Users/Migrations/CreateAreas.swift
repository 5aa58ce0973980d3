import FluentKit
import Foundation
import SQLKit

/// Creates the areas table and loads the 3,226 provinces, cities and districts shipped with the app.
struct CreateAreas: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Area.schema)
            .field("id", .int, .identifier(auto: false))
            .field("name", .string, .required)
            .field("parent_id", .int, .references(Area.schema, "id"))
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "areas_parent_id_idx").on(Area.schema).column("parent_id").run()
        let rows = try AreaData.load()
        for start in stride(from: 0, to: rows.count, by: 400) {
            let batch = rows[start..<min(start + 400, rows.count)]
            var insert = sql.insert(into: Area.schema).columns("id", "name", "parent_id")
            for row in batch {
                insert = insert.values(SQLBind(row.id), SQLBind(row.name), SQLBind(row.parentID))
            }
            try await insert.run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Area.schema).delete()
    }
}

/// The bundled areas file: `id<TAB>name<TAB>parent_id` per line, provinces first.
enum AreaData {
    struct Row: Sendable {
        let id: Int
        let name: String
        let parentID: Int?
    }

    static func load() throws -> [Row] {
        guard let url = Bundle.module.url(forResource: "areas", withExtension: "tsv", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "areas", withExtension: "tsv") else {
            throw AreaDataError.missing
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count >= 2, let id = Int(parts[0]) else { return nil }
            return Row(id: id, name: String(parts[1]), parentID: parts.count > 2 ? Int(parts[2]) : nil)
        }
    }
}

enum AreaDataError: Error { case missing }
