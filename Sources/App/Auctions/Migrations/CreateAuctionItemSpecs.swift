import FluentKit

/// A lot's particulars (seed 001 `AuctionItemDetail`, 规格): key and value (年代 清乾隆, 尺寸 高 32 cm …) in order.
struct CreateAuctionItemSpecs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("auction_item_specs")
            .field("id", .int, .identifier(auto: true))
            .field("item_id", .int, .required, .references("auction_items", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("value", .string, .required)
            .field("position", .int, .required)
            .timestamps()
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("auction_item_specs").delete()
    }
}
