import FluentKit

/// A lot's pictures (seed 001 `AuctionItemImage`): in `position` order; `carousel` ones turn in the lot page's
/// carousel, the rest show under the details.
struct CreateAuctionItemImages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auction_item_images")
            .field("id", .int, .identifier(auto: true))
            .field("item_id", .int, .required, .references("auction_items", "id", onDelete: .cascade))
            .field("url", .string, .required)
            .field("carousel", .bool, .required)
            .field("position", .int, .required)
            .timestamps()
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auction_item_images").delete()
    }
}
