import FluentKit
import SQLKit

struct CreateGoodsCategories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(GoodsCategory.schema)
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("parent_id", .int, .references(GoodsCategory.schema, "id"))
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "goods_categories_parent_idx").on(GoodsCategory.schema).column("parent_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GoodsCategory.schema).delete()
    }
}
