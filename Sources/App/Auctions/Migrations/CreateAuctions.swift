import FluentKit

/// Auction sessions (seed 001 `Auction`, 拍卖系列): title, cover, preview video, preview and auction times, session
/// deposit (全场保证金, cents; 0: none), the stored status (1 未开拍 … 4 已结束, moved by jobs and corrected by the clock
/// on reading: `AuctionSchedule.current`), deal total and counts.
struct CreateAuctions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auctions")
            .field("id", .int, .identifier(auto: true))
            .field("title", .string, .required)
            .field("cover", .string, .required)
            .field("video", .string)
            .field("preview_start_time", .datetime, .required)
            .field("auction_start_time", .datetime, .required)
            .field("auction_end_time", .datetime, .required)
            .field("deposit", .int64, .required)
            .field("status", .int, .required)
            .field("total_price", .int64, .required)
            .field("goods_count", .int, .required)
            .field("bid_count", .int, .required)
            .field("look_count", .int, .required)
            .timestamps()
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auctions").delete()
    }
}
