import FluentKit

/// The binding between a mini-program user (openid of our app, and the unionid when WeChat gives one) and a shop
/// account: one account per openid.
struct CreateWeChatMiniAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("wechat_mini_users")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("openid", .string, .required)
            .field("unionid", .string)
            .timestamps()
            .unique(on: "openid")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("wechat_mini_users").delete()
    }
}
