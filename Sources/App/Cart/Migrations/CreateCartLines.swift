import FluentKit

struct CreateCartLines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CartLine.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("sku_id", .int, .required, .references(SKU.schema, "id", onDelete: .cascade))
            .field("count", .int, .required)
            .field("selected", .bool, .required)
            .timestamps()
            .unique(on: "user_id", "sku_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CartLine.schema).delete()
    }
}
