import FluentKit
import SQLKit

struct CreateSKUs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SKU.schema)
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("caption", .string, .required)
            .field("goods_id", .int, .required, .references(Goods.schema, "id"))
            .field("category_id", .int, .required, .references(GoodsCategory.schema, "id"))
            .field("price", .int64, .required)
            .field("cost_price", .int64, .required)
            .field("market_price", .int64, .required)
            .field("stock", .int, .required)
            .field("sales", .int, .required)
            .field("comments", .int, .required)
            .field("is_launched", .bool, .required)
            .field("default_image_url", .string, .required)
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "skus_list_create_idx").on(SKU.schema).column("category_id").column("is_launched").column("create_time").run()
        try await sql.create(index: "skus_list_price_idx").on(SKU.schema).column("category_id").column("is_launched").column("price").run()
        try await sql.create(index: "skus_list_sales_idx").on(SKU.schema).column("category_id").column("is_launched").column("sales").run()
        try await sql.create(index: "skus_goods_idx").on(SKU.schema).column("goods_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SKU.schema).delete()
    }
}
