import FluentKit
import SQLKit

/// What a checkout took off and who pays what: the coupon's discount (and which of the user's coupons), credits used
/// and what they were worth, the balance used, and `pay_amount` left for a payment provider (seeds 001 and 002).
/// Orders placed before promotions pay their whole total.
struct AddOrderAdjustments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for (name, type) in [("discount", DatabaseSchema.DataType.int64), ("credit", .int64), ("credit_amount", .int64),
                             ("balance_amount", .int64), ("pay_amount", .int64)] {
            try await database.schema(OrderInfo.schema).field(.definition(name: .key(.string(name)), dataType: type,
                                                                          constraints: [.required, .sql(.default(0))])).update()
        }
        try await database.schema(OrderInfo.schema).field("coupon_id", .int).update()
        try await (database as! any SQLDatabase).raw("UPDATE order_info SET pay_amount = total_amount").run()
    }

    func revert(on database: any Database) async throws {
        for name in ["discount", "credit", "credit_amount", "balance_amount", "pay_amount", "coupon_id"] {
            try await database.schema(OrderInfo.schema).deleteField(.string(name)).update()
        }
    }
}
