import FluentKit
import SQLKit

struct CreateBrowseHistories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BrowseHistory.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("sku_id", .int, .required)
            .field("viewed_at", .datetime, .required)
            .timestamps()
            .unique(on: "user_id", "sku_id")
            .create()
        try await (database as! any SQLDatabase).create(index: "browse_histories_recent_idx")
            .on(BrowseHistory.schema).column("user_id").column("viewed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BrowseHistory.schema).delete()
    }
}
