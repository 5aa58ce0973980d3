import FluentKit
import SQLKit

struct CreateContents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Content.schema)
            .field("id", .int, .identifier(auto: true))
            .field("category_id", .int, .required, .references(ContentCategory.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("url", .string, .required)
            .field("image", .string)
            .field("text", .string)
            .field("sequence", .int, .required)
            .field("status", .bool, .required)
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "contents_category_idx").on(Content.schema).column("category_id").column("status").column("sequence").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Content.schema).delete()
    }
}
