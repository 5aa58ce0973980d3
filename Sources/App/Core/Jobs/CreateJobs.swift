import FluentKit
import SQLKit

/// The background job queue's table (see DESIGN.md "Background work").
struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .field("id", .int64, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("run_at", .int64, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("state", .string, .required)
            .field("locked_by", .string)
            .field("locked_until", .int64)
            .field("last_error", .string)
            .field("unique_key", .string)
            .timestamps()
            .unique(on: "unique_key")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "jobs_claim_idx").on("jobs").column("state").column("run_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
