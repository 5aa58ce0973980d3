import FluentKit
import SQLKit

/// A post's pictures (seed 001 `NewsDetail`): the storage key, kept so the file goes when the post does, in order.
struct CreateCommunityNewsDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_news_details")
            .field("id", .int, .identifier(auto: true))
            .field("news_id", .int, .required, .references("community_news", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("sequence", .int, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "community_news_details_news_idx").on("community_news_details").column("news_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_news_details").delete()
    }
}
