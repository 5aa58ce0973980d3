import FluentKit
import SQLKit

struct CreateGoodsChannels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(GoodsChannel.schema)
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required)
            .field("category_id", .int, .required, .references(GoodsCategory.schema, "id"))
            .field("url", .string, .required)
            .field("sequence", .int, .required)
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "goods_channels_order_idx").on(GoodsChannel.schema).column("group_id").column("sequence").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GoodsChannel.schema).delete()
    }
}
