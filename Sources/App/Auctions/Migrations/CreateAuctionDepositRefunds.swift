import FluentKit

/// Deposit refunds (seed 001 `DepositRefundRecord`): which deposit, how much, 1 待退款 / 2 退款成功. A wallet-paid
/// deposit is refunded at once (its ledger row is written in the same plan); one paid through a provider waits for it.
struct CreateAuctionDepositRefunds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auction_deposit_refunds")
            .field("id", .int, .identifier(auto: true))
            .field("uid", .string, .required)
            .field("deposit_id", .int, .required, .references("auction_deposits", "id", onDelete: .cascade))
            .field("amount", .int64, .required)
            .field("status", .int, .required)
            .timestamps()
            .unique(on: "uid")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auction_deposit_refunds").delete()
    }
}
