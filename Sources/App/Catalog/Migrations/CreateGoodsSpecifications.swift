import FluentKit
import SQLKit

struct CreateGoodsSpecifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(GoodsSpecification.schema)
            .field("id", .int, .identifier(auto: true))
            .field("goods_id", .int, .required, .references(Goods.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "goods_specifications_goods_idx").on(GoodsSpecification.schema).column("goods_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GoodsSpecification.schema).delete()
    }
}
