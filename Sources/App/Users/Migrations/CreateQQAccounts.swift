import FluentKit

struct CreateQQAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(QQAccount.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("openid", .string, .required)
            .timestamps()
            .unique(on: "openid")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(QQAccount.schema).delete()
    }
}
