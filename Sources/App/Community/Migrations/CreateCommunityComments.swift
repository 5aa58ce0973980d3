import FluentKit
import SQLKit

/// Comments (seed 001 `CommentRecord`): on a post, or a reply to a comment (`reply_id`), with the depth and the root
/// comment set by the server so a thread's every reply is found by its root. Staff may hide one.
struct CreateCommunityComments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_comments")
            .field("id", .int, .identifier(auto: true))
            .field("news_id", .int, .required, .references("community_news", "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("content", .string, .required)
            .field("reply_id", .int)
            .field("root_id", .int)
            .field("depth", .int, .required)
            .field("favor_count", .int, .required, .sql(.default(0)))
            .field("is_hidden", .bool, .required, .sql(.default(false)))
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "community_comments_news_idx").on("community_comments").column("news_id").column("root_id").column("id").run()
        try await sql.create(index: "community_comments_root_idx").on("community_comments").column("root_id").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_comments").delete()
    }
}
