import FluentKit

/// Who follows which topic: one row per user and topic.
struct CreateCommunityTopicFollows: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_topic_follows")
            .field("id", .int, .identifier(auto: true))
            .field("topic_id", .int, .required, .references("community_topics", "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("create_time", .datetime, .required)
            .unique(on: "topic_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_topic_follows").delete()
    }
}
