import FluentKit

/// Course directions (方向/分类, seed 002 `CourseCategory`), shown in `orders` order.
struct CreateCourseCategories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("course_categories")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("orders", .int, .required)
            .field("is_show", .bool, .required)
            .timestamps()
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("course_categories").delete()
    }
}
