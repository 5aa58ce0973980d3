import FluentKit

/// The price history of a lot (seed 001 `BidRecord`, 出价记录): who, at what price, whether the system placed it for
/// a proxy, and its place in the lot's history (`seq`, unique per lot: the history has no gaps and no two bids share
/// a place). Status 1 竞价, 2 成交, 3 逾期未付款.
struct CreateAuctionBids: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auction_bids")
            .field("id", .int, .identifier(auto: true))
            .field("item_id", .int, .required, .references("auction_items", "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id"))
            .field("seq", .int, .required)
            .field("price", .int64, .required)
            .field("automatic", .bool, .required)
            .field("status", .int, .required)
            .timestamps()
            .unique(on: "item_id", "seq")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auction_bids").delete()
    }
}
