import FluentKit
import SQLKit

/// Lessons (课时) of a chapter: kind (文档/练习/视频), duration in seconds, free-trial flag, publish date, and the
/// storage key of its video or document (under `private/`, handed out only as a signed URL).
struct CreateCourseLessons: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("course_lessons")
            .field("id", .int, .identifier(auto: true))
            .field("course_id", .int, .required, .references("courses", "id", onDelete: .cascade))
            .field("chapter_id", .int, .required, .references("course_chapters", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("orders", .int, .required)
            .field("section_type", .int, .required)
            .field("duration", .int, .required)
            .field("free_trail", .bool, .required)
            .field("pub_date", .datetime, .required)
            .field("media_key", .string)
            .timestamps()
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX course_lessons_course_idx ON course_lessons (course_id, chapter_id, orders)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("course_lessons").delete()
    }
}
