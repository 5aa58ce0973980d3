import FluentKit
import SQLKit

/// Who follows whom (seed 001 `UserInfo.follow`, a many-to-many of users): once per pair.
struct CreateCommunityFollows: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_follows")
            .field("id", .int, .identifier(auto: true))
            .field("follower_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("followee_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("create_time", .datetime, .required)
            .unique(on: "follower_id", "followee_id")
            .create()
        try await (database as! any SQLDatabase).create(index: "community_follows_followee_idx").on("community_follows").column("followee_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_follows").delete()
    }
}
