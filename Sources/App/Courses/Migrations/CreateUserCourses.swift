import FluentKit

/// Who may watch what until when (seed 002 `UserCourse`): one row per user and course, `out_time` null for
/// permanent access; how it was got (`buy_type` 0 支付宝, 1 微信支付, 2 免费活动, 3 活动赠品, 4 系统赠送, 5 余额), and the
/// last lesson watched.
struct CreateUserCourses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("user_courses")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("course_id", .int, .required, .references("courses", "id", onDelete: .cascade))
            .field("buy_type", .int, .required)
            .field("buy_number", .string)
            .field("pay_time", .datetime, .required)
            .field("out_time", .datetime)
            .field("last_lesson_id", .int)
            .timestamps()
            .unique(on: "user_id", "course_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("user_courses").delete()
    }
}
