import FluentKit

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .field("id", .int, .identifier(auto: true))
            .field("username", .string, .required)
            .field("password", .string, .required)
            .field("mobile", .string, .required)
            .field("email", .string, .required)
            .field("email_active", .bool, .required)
            .field("is_active", .bool, .required)
            .field("is_staff", .bool, .required)
            .field("default_address_id", .int)
            .field("last_login", .datetime)
            .timestamps()
            .unique(on: "username")
            .unique(on: "mobile")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).delete()
    }
}
