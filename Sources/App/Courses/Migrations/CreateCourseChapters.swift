import FluentKit

/// A course's chapters (章节), numbered within the course.
struct CreateCourseChapters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("course_chapters")
            .field("id", .int, .identifier(auto: true))
            .field("course_id", .int, .required, .references("courses", "id", onDelete: .cascade))
            .field("chapter", .int, .required)
            .field("name", .string, .required)
            .field("summary", .string, .required)
            .timestamps()
            .unique(on: "course_id", "chapter")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("course_chapters").delete()
    }
}
