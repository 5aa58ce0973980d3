import FluentKit
import SQLKit

struct CreateGoods: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Goods.schema)
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("brand_id", .int, .required, .references(Brand.schema, "id"))
            .field("category1_id", .int, .required, .references(GoodsCategory.schema, "id"))
            .field("category2_id", .int, .required, .references(GoodsCategory.schema, "id"))
            .field("category3_id", .int, .required, .references(GoodsCategory.schema, "id"))
            .field("sales", .int, .required)
            .field("comments", .int, .required)
            .field("desc_detail", .string, .required)
            .field("desc_pack", .string, .required)
            .field("desc_service", .string, .required)
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "goods_category3_idx").on(Goods.schema).column("category3_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Goods.schema).delete()
    }
}
