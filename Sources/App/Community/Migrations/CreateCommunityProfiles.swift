import FluentKit

/// A user's community counters (seed 001 `UserInfo.fans_count`, and how many they follow), kept equal to
/// `community_follows`. The community owns them, beside the user rather than on it: the users table has its owner.
struct CreateCommunityProfiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_profiles")
            .field("user_id", .int, .identifier(auto: false), .references(User.schema, "id", onDelete: .cascade))
            .field("fans_count", .int, .required, .sql(.default(0)))
            .field("follow_count", .int, .required, .sql(.default(0)))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_profiles").delete()
    }
}
