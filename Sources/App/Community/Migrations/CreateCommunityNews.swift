import FluentKit
import SQLKit

/// Posts (seed 001 `News`, 动态): content, a cover (the first picture's storage key), an optional topic and location,
/// the publisher, and counters kept equal to their records (favors, views, comments). Staff may hide one.
struct CreateCommunityNews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_news")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("topic_id", .int, .references("community_topics", "id", onDelete: .setNull))
            .field("content", .string, .required)
            .field("cover", .string, .required)
            .field("address", .string)
            .field("favor_count", .int, .required, .sql(.default(0)))
            .field("viewer_count", .int, .required, .sql(.default(0)))
            .field("comment_count", .int, .required, .sql(.default(0)))
            .field("is_hidden", .bool, .required, .sql(.default(false)))
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "community_news_feed_idx").on("community_news").column("is_hidden").column("id").run()
        try await sql.create(index: "community_news_topic_idx").on("community_news").column("topic_id").column("id").run()
        try await sql.create(index: "community_news_user_idx").on("community_news").column("user_id").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_news").delete()
    }
}
