import FluentKit

struct CreateContentCategories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContentCategory.schema)
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("key", .string, .required)
            .timestamps()
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContentCategory.schema).delete()
    }
}
