import FluentKit
import SQLKit

struct CreateSKUSpecifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SKUSpecification.schema)
            .field("id", .int, .identifier(auto: true))
            .field("sku_id", .int, .required, .references(SKU.schema, "id", onDelete: .cascade))
            .field("spec_id", .int, .required, .references(GoodsSpecification.schema, "id", onDelete: .cascade))
            .field("option_id", .int, .required, .references(SpecificationOption.schema, "id", onDelete: .cascade))
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "sku_specifications_sku_idx").on(SKUSpecification.schema).column("sku_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SKUSpecification.schema).delete()
    }
}
