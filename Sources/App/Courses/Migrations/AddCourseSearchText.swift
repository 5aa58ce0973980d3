import FluentKit
import MeiduoRules
import SQLKit

/// A course's name as search tokens (`SearchTokenizer.indexText`: width-folded, lowercased, CJK bigrams), so
/// `GET /courses/search/` finds 爬虫 in 「Python 爬虫实战」 the way SKU search does, on both databases.
struct AddCourseSearchText: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("courses").field("search_text", .string, .required, .sql(.default(""))).update()
        let sql = database as! any SQLDatabase
        for row in try await sql.raw("SELECT id, name FROM courses").all() {
            let name = try row.decode(column: "name", as: String.self)
            try await sql.raw("""
                UPDATE courses SET search_text = \(bind: SearchTokenizer.indexText(name)) WHERE id = \(bind: try row.decode(column: "id", as: Int.self))
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("courses").deleteField("search_text").update()
    }
}
