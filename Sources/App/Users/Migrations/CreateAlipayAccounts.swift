import FluentKit

/// Alipay login bindings (`oauth_alipay_users`), shaped like the QQ ones: one account per Alipay buyer id.
struct CreateAlipayAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AlipayAccount.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("alipay_user_id", .string, .required)
            .field("nick_name", .string)
            .timestamps()
            .unique(on: "alipay_user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AlipayAccount.schema).delete()
    }
}
