import FluentKit

/// The course cart (seed 002 keeps it in Redis as `cart_<user>`: course → validity, and a selected set): one row per
/// user and course with the chosen validity option (`expire_id` 0: the course's own permanent price, for a course
/// without options) and whether it is ticked for checkout. Kept apart from `cart_lines`, whose shape the Meiduo
/// front end reads.
struct CreateCartCourses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("cart_courses")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("course_id", .int, .required, .references("courses", "id", onDelete: .cascade))
            .field("expire_id", .int, .required)
            .field("selected", .bool, .required)
            .timestamps()
            .unique(on: "user_id", "course_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("cart_courses").delete()
    }
}
