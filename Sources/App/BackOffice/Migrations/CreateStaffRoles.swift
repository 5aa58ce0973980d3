import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Back-office roles (issue 19): a name and its permission codes (`orders.write …`, or `*` for everything), space
/// separated. The shop starts with the built-in roles of `StaffRoleCatalog`.
struct CreateStaffRoles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("staff_roles")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("permissions", .string, .required)
            .field("built_in", .bool, .required)
            .field("create_time", .datetime, .required)
            .field("update_time", .datetime, .required)
            .unique(on: "name")
            .create()
        let sql = database as! any SQLDatabase
        let now = Date()
        for role in StaffRoleCatalog.builtIn {
            try await sql.raw("""
                INSERT INTO staff_roles (name, permissions, built_in, create_time, update_time)
                VALUES (\(bind: role.name), \(bind: role.codes.joined(separator: " ")), \(bind: true), \(bind: now), \(bind: now))
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff_roles").delete()
    }
}
