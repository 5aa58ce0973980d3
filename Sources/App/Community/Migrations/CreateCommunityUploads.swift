import FluentKit
import SQLKit

/// Pictures uploaded for a post not yet published: a post claims its pictures from here (each once, only the
/// author's), and what nobody claimed within `CommunityRules.uploadLifetime` is swept from storage with its row.
struct CreateCommunityUploads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_uploads")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("create_time", .datetime, .required)
            .unique(on: "key")
            .create()
        try await (database as! any SQLDatabase).create(index: "community_uploads_time_idx").on("community_uploads").column("create_time").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_uploads").delete()
    }
}
