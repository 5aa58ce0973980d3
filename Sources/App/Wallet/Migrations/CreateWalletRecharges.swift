import FluentKit
import SQLKit

/// Money paid into a wallet through a payment provider: created unpaid, paid once when the provider's trade is
/// confirmed (its `trade_id` is unique, so a trade credits one recharge at most).
struct CreateWalletRecharges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("wallet_recharges")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("amount", .int64, .required)
            .field("pay_method", .int, .required)
            .field("status", .string, .required)
            .field("provider", .string)
            .field("trade_id", .string)
            .field("paid_time", .datetime)
            .timestamps()
            .unique(on: "trade_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX wallet_recharges_user_idx ON wallet_recharges (user_id, create_time)").run()
        try await sql.raw("CREATE INDEX wallet_recharges_status_idx ON wallet_recharges (status, pay_method, create_time)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("wallet_recharges").delete()
    }
}
