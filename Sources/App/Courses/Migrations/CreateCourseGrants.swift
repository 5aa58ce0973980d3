import FluentKit
import SQLKit

/// Each purchase (or free enrolment) that moved an enrolment: days granted (null: permanent), the order, and the
/// end before it, so a refund takes back exactly what its order gave (`CourseRules.afterRefund`).
struct CreateCourseGrants: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("course_grants")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("course_id", .int, .required, .references("courses", "id", onDelete: .cascade))
            .field("order_id", .string)
            .field("days", .int)
            .field("previous_out_time", .datetime)
            .field("grant_time", .datetime, .required)
            .field("revoked", .bool, .required)
            .timestamps()
            .unique(on: "order_id", "course_id")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX course_grants_user_idx ON course_grants (user_id, course_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("course_grants").delete()
    }
}
