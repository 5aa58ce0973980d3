import FluentKit

/// A course's price options (seed 002 `CourseExpire`): validity in days (0 = 永久有效) and its own price in cents.
struct CreateCourseExpires: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("course_expires")
            .field("id", .int, .identifier(auto: true))
            .field("course_id", .int, .required, .references("courses", "id", onDelete: .cascade))
            .field("expire_time", .int, .required)
            .field("price", .int64, .required)
            .timestamps()
            .unique(on: "course_id", "expire_time")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("course_expires").delete()
    }
}
