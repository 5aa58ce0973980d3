import FluentKit

/// Who liked which comment (seed 001 `CommentFavorRecord`): once per user and comment.
struct CreateCommunityCommentFavors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_comment_favors")
            .field("id", .int, .identifier(auto: true))
            .field("comment_id", .int, .required, .references("community_comments", "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("create_time", .datetime, .required)
            .unique(on: "comment_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_comment_favors").delete()
    }
}
