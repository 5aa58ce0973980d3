import FluentKit
import SQLKit

/// Every staff write (issue 19): who, when, what (the route and its target), the request as sent (secrets masked)
/// and the state before and after as the handler saw it. Rows are only ever inserted.
struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .field("id", .int, .identifier(auto: true))
            .field("staff_id", .int, .required)
            .field("staff_username", .string, .required)
            .field("action", .string, .required)
            .field("method", .string, .required)
            .field("path", .string, .required)
            .field("target_type", .string, .required)
            .field("target_id", .string)
            .field("status", .int, .required)
            .field("request", .string)
            .field("before", .string)
            .field("after", .string)
            .field("summary", .string)
            .field("create_time", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_log_time_idx").on("audit_log").column("create_time").run()
        try await sql.create(index: "audit_log_target_idx").on("audit_log").column("target_type").column("target_id").run()
        try await sql.create(index: "audit_log_staff_idx").on("audit_log").column("staff_id").column("create_time").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_log").delete()
    }
}
