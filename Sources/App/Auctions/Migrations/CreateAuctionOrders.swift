import FluentKit

/// Orders for won lots (seed 001 `Order`): created by settlement, one per lot (unique `item_id`: settling twice can't
/// make a second), with the hammer price, the deposit that covered the lot, a 24-hour payment deadline, and what the
/// payment later fills in (real paid amount, pay type, address). Status 1 未支付, 2 待收货, 3 已完成, 4 逾期未支付.
struct CreateAuctionOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auction_orders")
            .field("id", .int, .identifier(auto: true))
            .field("uid", .string, .required)
            .field("user_id", .int, .required, .references(User.schema, "id"))
            .field("auction_id", .int, .required, .references("auctions", "id"))
            .field("item_id", .int, .required, .references("auction_items", "id"))
            .field("deposit_id", .int, .references("auction_deposits", "id"))
            .field("price", .int64, .required)
            .field("real_price", .int64)
            .field("pay_type", .int)
            .field("address_id", .int)
            .field("status", .int, .required)
            .field("pay_deadline", .datetime, .required)
            .timestamps()
            .unique(on: "uid")
            .unique(on: "item_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auction_orders").delete()
    }
}
