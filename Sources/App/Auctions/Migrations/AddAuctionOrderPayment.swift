import FluentKit

/// How a won lot was paid (seed 001 支付), kept on its order so the buyer and staff see the split: the coupon and
/// what it took off, what the deposit paid (支付抵扣) and gave back, what the wallet paid, when it was paid; then
/// when staff shipped it (待收货) and when the buyer confirmed receipt (已完成).
struct AddAuctionOrderPayment: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("coupon_id", .int), ("coupon_off", .int64), ("deposit_deducted", .int64), ("deposit_refunded", .int64), ("balance_paid", .int64),
        ("paid_time", .datetime), ("ship_time", .datetime), ("finish_time", .datetime),
    ]

    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    func prepare(on database: any Database) async throws {
        for (name, type) in Self.columns {
            try await database.schema("auction_orders").field(FieldKey(stringLiteral: name), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.columns {
            try await database.schema("auction_orders").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
