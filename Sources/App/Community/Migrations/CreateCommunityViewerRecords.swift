import FluentKit

/// Who saw which post (seed 001 `ViewerRecord`): a view counts once per user and post.
struct CreateCommunityViewerRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_viewer_records")
            .field("id", .int, .identifier(auto: true))
            .field("news_id", .int, .required, .references("community_news", "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("create_time", .datetime, .required)
            .unique(on: "news_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_viewer_records").delete()
    }
}
