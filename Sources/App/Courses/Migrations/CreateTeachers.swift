import FluentKit

/// Teachers (seed 002 `Teacher`): role 0 讲师, 1 导师, 2 班主任; title, signature, photo (storage key) and bio.
struct CreateTeachers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("teachers")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("role", .int, .required)
            .field("title", .string, .required)
            .field("signature", .string, .required)
            .field("image", .string, .required)
            .field("brief", .string, .required)
            .timestamps()
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("teachers").delete()
    }
}
