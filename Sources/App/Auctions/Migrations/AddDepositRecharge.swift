import FluentKit

/// The recharge a deposit was paid through at Alipay's or WeChat Pay's cashier (NULL when it came from the wallet):
/// its refunds go back through that provider's trade (seed 001 保证金退款 原路退回), not into the wallet.
struct AddDepositRecharge: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auction_deposits").field("recharge_id", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auction_deposits").deleteField("recharge_id").update()
    }
}
