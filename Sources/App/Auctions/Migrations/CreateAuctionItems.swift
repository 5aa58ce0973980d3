import FluentKit
import SQLKit

/// Lots (seed 001 `AuctionItem`, 拍品): catalogue number, title, cover, prices in cents (start, reserve 参考底价,
/// reference high, increment 加价幅度 `unit`, lot deposit 单品保证金), status (1 … 6), and the standing that each
/// accepted bid moves in one conditional update: visible `price`, `leader_id` and their hidden `leader_max`,
/// `bid_count`, the lot's own `end_time`, how often anti-sniping moved it, and `version` (the update's guard).
struct CreateAuctionItems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auction_items")
            .field("id", .int, .identifier(auto: true))
            .field("auction_id", .int, .required, .references("auctions", "id", onDelete: .cascade))
            .field("uid", .string, .required)
            .field("title", .string, .required)
            .field("cover", .string, .required)
            .field("start_price", .int64, .required)
            .field("reserve_price", .int64)
            .field("highest_price", .int64)
            .field("unit", .int64, .required)
            .field("deposit", .int64, .required)
            .field("status", .int, .required)
            .field("price", .int64)
            .field("leader_id", .int, .references(User.schema, "id"))
            .field("leader_max", .int64)
            .field("deal_price", .int64)
            .field("bid_count", .int, .required)
            .field("look_count", .int, .required)
            .field("end_time", .datetime, .required)
            .field("extensions", .int, .required)
            // Bumped by every change of the standing: the guard of the conditional update that accepts a bid.
            .field("version", .int, .required)
            .timestamps()
            .create()
        try await (database as! any SQLDatabase).create(index: "auction_items_auction_idx").on("auction_items").column("auction_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auction_items").delete()
    }
}
