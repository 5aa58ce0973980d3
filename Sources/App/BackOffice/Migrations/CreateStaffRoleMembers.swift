import FluentKit
import MeiduoRules
import SQLKit

/// Which staff hold which roles. Staff accounts that exist when roles arrive keep every right they had: they are
/// made 超级管理员 (until roles, `is_staff` alone allowed every staff action).
struct CreateStaffRoleMembers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("staff_role_members")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("role_id", .int, .required, .references("staff_roles", "id", onDelete: .cascade))
            .unique(on: "user_id", "role_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "staff_role_members_role_idx").on("staff_role_members").column("role_id").run()
        try await sql.raw("""
            INSERT INTO staff_role_members (user_id, role_id)
            SELECT users.id, staff_roles.id FROM users, staff_roles
            WHERE users.is_staff = \(bind: true) AND staff_roles.name = \(bind: StaffRoleCatalog.superuser.name)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff_role_members").delete()
    }
}
