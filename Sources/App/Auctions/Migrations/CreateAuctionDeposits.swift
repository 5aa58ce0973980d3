import FluentKit

/// Deposits (seed 001 `DepositRecord`, 保证金): a lot's (`item_id` set, type 1 单品) or a session's (type 2 全场), how
/// it was paid (1 微信, 2 余额, 3 支付宝), the amount and what remains of it (`balance`, after deductions and
/// refunds), status 1 未支付 / 2 支付成功. One deposit per user and lot, and per user and session.
struct CreateAuctionDeposits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auction_deposits")
            .field("id", .int, .identifier(auto: true))
            .field("uid", .string, .required)
            .field("user_id", .int, .required, .references(User.schema, "id"))
            .field("auction_id", .int, .required, .references("auctions", "id", onDelete: .cascade))
            .field("item_id", .int, .references("auction_items", "id", onDelete: .cascade))
            .field("deposit_type", .int, .required)
            .field("pay_type", .int, .required)
            .field("amount", .int64, .required)
            .field("balance", .int64, .required)
            .field("status", .int, .required)
            // `lot:<id>` or `session:<id>`: what the deposit covers, unique per user (NULL item ids would not be).
            .field("scope", .string, .required)
            .timestamps()
            .unique(on: "uid")
            .unique(on: "user_id", "scope")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auction_deposits").delete()
    }
}
