import FluentKit

/// Deposit deductions (seed 001 `DepositDeduct`, 扣除保证金): which order, how much, 1 逾期扣款 (forfeited when the
/// winner did not pay in time) or 2 支付抵扣 (used to pay the order).
struct CreateAuctionDepositDeductions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auction_deposit_deductions")
            .field("id", .int, .identifier(auto: true))
            .field("order_id", .int, .required, .references("auction_orders", "id", onDelete: .cascade))
            .field("deposit_id", .int, .required, .references("auction_deposits", "id", onDelete: .cascade))
            .field("amount", .int64, .required)
            .field("deduct_type", .int, .required)
            .timestamps()
            .unique(on: "order_id", "deduct_type")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auction_deposit_deductions").delete()
    }
}
