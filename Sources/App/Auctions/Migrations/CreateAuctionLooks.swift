import FluentKit

/// Who opened which lot (seed 001 `BrowseRecord`, 浏览记录): one row per user and lot, so a signed-in user's looks
/// count once; anonymous looks only move the counters.
struct CreateAuctionLooks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auction_looks")
            .field("id", .int, .identifier(auto: true))
            .field("item_id", .int, .required, .references("auction_items", "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .timestamps()
            .unique(on: "user_id", "item_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auction_looks").delete()
    }
}
