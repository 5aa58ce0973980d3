import FluentKit
import SQLKit

struct CreateOrderGoods: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrderGoods.schema)
            .field("id", .int, .identifier(auto: true))
            .field("order_id", .string, .required, .references(OrderInfo.schema, "order_id", onDelete: .cascade))
            .field("sku_id", .int, .required, .references(SKU.schema, "id"))
            .field("count", .int, .required)
            .field("price", .int64, .required)
            .field("comment", .string, .required)
            .field("score", .int, .required)
            .field("is_anonymous", .bool, .required)
            .field("is_commented", .bool, .required)
            .timestamps()
            .unique(on: "order_id", "sku_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "order_goods_sku_comments_idx").on(OrderGoods.schema).column("sku_id").column("is_commented").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrderGoods.schema).delete()
    }
}
