import FluentKit
import SQLKit

/// Courses (seed 002 `Course`): type (免费课/实战课/轻课), level, status (上线/下线/预上线), category, teacher, cover
/// (storage key), brief (rich text), counts, base price in cents, order weight, and an optional limited-time
/// discount (`discount_sale` formula between `discount_start` and `discount_end`).
struct CreateCourses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("courses")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("course_img", .string, .required)
            .field("course_type", .int, .required)
            .field("brief", .string, .required)
            .field("level", .int, .required)
            .field("status", .int, .required)
            .field("category_id", .int, .required, .references("course_categories", "id"))
            .field("teacher_id", .int, .required, .references("teachers", "id"))
            .field("students", .int, .required)
            .field("lessons", .int, .required)
            .field("pub_lessons", .int, .required)
            .field("price", .int64, .required)
            .field("orders", .int, .required)
            .field("discount_name", .string)
            .field("discount_sale", .string)
            .field("discount_start", .datetime)
            .field("discount_end", .datetime)
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX courses_listing_idx ON courses (status, category_id, orders)").run()
        try await sql.raw("CREATE INDEX courses_students_idx ON courses (status, students)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("courses").delete()
    }
}
