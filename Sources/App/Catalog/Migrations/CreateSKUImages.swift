import FluentKit
import SQLKit

struct CreateSKUImages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SKUImage.schema)
            .field("id", .int, .identifier(auto: true))
            .field("sku_id", .int, .required, .references(SKU.schema, "id", onDelete: .cascade))
            .field("image", .string, .required)
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "sku_images_sku_idx").on(SKUImage.schema).column("sku_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SKUImage.schema).delete()
    }
}
