import FluentKit

struct CreateBrands: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Brand.schema)
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("logo", .string, .required)
            .field("first_letter", .string, .required)
            .timestamps()
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Brand.schema).delete()
    }
}
