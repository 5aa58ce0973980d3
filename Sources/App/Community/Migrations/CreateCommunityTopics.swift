import FluentKit

/// Topics (seed 001 `Topic`, 话题): a post may be filed under one; `follow_count` is the seed's 关注度, kept equal to
/// `community_topic_follows`.
struct CreateCommunityTopics: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_topics")
            .field("id", .int, .identifier(auto: true))
            .field("title", .string, .required)
            .field("follow_count", .int, .required, .sql(.default(0)))
            .timestamps()
            .unique(on: "title")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_topics").delete()
    }
}
