import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Owner of `staff_roles` and `staff_role_members`: the back office's roles and who holds them. An account is staff
/// (`users.is_staff`) exactly while it holds a role; the account status cache is told at once, so a role taken
/// away ends its rights in this process now and in others within `AUTH_STATUS_CACHE_SECONDS`.
struct StaffRoles {
    let services: AppServices

    struct Role: Sendable, Equatable {
        let id: Int
        let name: String
        let codes: [String]
        let builtIn: Bool
        let members: Int
    }

    enum Refusal: Error, Equatable {
        case unknownPermissions([String])
        case nameTaken
        case unknownRoles([Int])
        /// The change would leave the shop without an active 超级管理员: nobody could grant roles any more.
        case lastSuperuser
        case builtInRole
        case notFound
    }

    /// How the authentication middleware reads a staff member's permissions: their roles' codes, on the read pool.
    static func grantsLookup(_ database: DatabaseManager) -> @Sendable (Int) async throws -> StaffGrants {
        { userID in
            let rows = try await database.readSQL().raw("""
                SELECT staff_roles.permissions FROM staff_role_members
                JOIN staff_roles ON staff_roles.id = staff_role_members.role_id
                WHERE staff_role_members.user_id = \(bind: userID)
                """).all()
            return StaffGrants(codes: try rows.flatMap { try $0.decode(column: "permissions", as: String.self).split(separator: " ").map(String.init) })
        }
    }

    func roles() async throws -> [Role] {
        try await services.readSQL().raw("""
            SELECT staff_roles.id, staff_roles.name, staff_roles.permissions, staff_roles.built_in,
                   (SELECT COUNT(*) FROM staff_role_members WHERE staff_role_members.role_id = staff_roles.id) AS members
            FROM staff_roles ORDER BY staff_roles.id
            """).all().map(Self.role)
    }

    func role(named name: String) async throws -> Role? {
        try await roles().first { $0.name == name }
    }

    /// The role ids each of these users holds.
    func roleIDs(of userIDs: [Int]) async throws -> [Int: [Int]] {
        guard !userIDs.isEmpty else { return [:] }
        let rows = try await services.readSQL().raw("""
            SELECT user_id, role_id FROM staff_role_members WHERE user_id IN (\(binds: userIDs)) ORDER BY role_id
            """).all()
        var held: [Int: [Int]] = [:]
        for row in rows {
            held[try row.decode(column: "user_id", as: Int.self), default: []].append(try row.decode(column: "role_id", as: Int.self))
        }
        return held
    }

    func createRole(name: String, codes: [String]) async throws -> Role {
        let codes = try Self.checked(codes)
        let now = services.clock.now()
        do {
            try await services.sql().raw("""
                INSERT INTO staff_roles (name, permissions, built_in, create_time, update_time)
                VALUES (\(bind: name), \(bind: codes.joined(separator: " ")), \(bind: false), \(bind: now), \(bind: now))
                """).run()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Refusal.nameTaken
        }
        guard let role = try await role(named: name) else { throw Refusal.notFound }
        return role
    }

    /// A role's permissions changed; its members' rights change with it. The built-in 超级管理员 stays all-powerful.
    func updateRole(id: Int, codes: [String]) async throws -> (before: Role, after: Role) {
        let codes = try Self.checked(codes)
        guard let before = try await roles().first(where: { $0.id == id }) else { throw Refusal.notFound }
        if before.builtIn && before.codes.contains(StaffGrants.superuserCode) { throw Refusal.builtInRole }
        try await services.sql().raw("""
            UPDATE staff_roles SET permissions = \(bind: codes.joined(separator: " ")), update_time = \(bind: services.clock.now())
            WHERE id = \(bind: id)
            """).run()
        try await forgetMembers(ofRole: id)
        guard let after = try await roles().first(where: { $0.id == id }) else { throw Refusal.notFound }
        return (before, after)
    }

    /// Gives a user exactly these roles (none: no longer staff). From the back office (`keepingASuperuser`) it is
    /// refused when it would leave no active superuser. One transaction: the roles, the staff flag and that check agree.
    func setRoles(userID: Int, roleIDs: [Int], keepingASuperuser: Bool = true) async throws {
        let wanted = Array(Set(roleIDs)).sorted()
        let known = try await roles()
        let unknown = wanted.filter { id in !known.contains { $0.id == id } }
        guard unknown.isEmpty else { throw Refusal.unknownRoles(unknown) }
        let superuserRoles = known.filter { $0.codes.contains(StaffGrants.superuserCode) }.map(\.id)
        let now = services.clock.now()
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            // Two staff taking the superuser role from each other at once must not both see the other one left:
            // the superuser roles' rows are locked first (SQLite's single writer already serialises).
            if keepingASuperuser, services.database.kind == .postgres, !superuserRoles.isEmpty {
                _ = try await sql.raw("SELECT id FROM staff_roles WHERE id IN (\(binds: superuserRoles)) FOR UPDATE").all()
            }
            guard try await sql.raw("SELECT id FROM users WHERE id = \(bind: userID)").first() != nil else { throw Refusal.notFound }
            try await sql.raw("DELETE FROM staff_role_members WHERE user_id = \(bind: userID)").run()
            for roleID in wanted {
                try await sql.raw("INSERT INTO staff_role_members (user_id, role_id) VALUES (\(bind: userID), \(bind: roleID))").run()
            }
            try await sql.raw("UPDATE users SET is_staff = \(bind: !wanted.isEmpty), update_time = \(bind: now) WHERE id = \(bind: userID)").run()
            if keepingASuperuser, !superuserRoles.isEmpty {
                let left = try await sql.raw("""
                    SELECT COUNT(*) AS n FROM staff_role_members JOIN users ON users.id = staff_role_members.user_id
                    WHERE staff_role_members.role_id IN (\(binds: superuserRoles)) AND users.is_active = \(bind: true)
                    """).first()?.decode(column: "n", as: Int.self) ?? 0
                if left == 0 { throw Refusal.lastSuperuser }
            }
        }
        services.accountStatus.forget(userID)
    }

    /// Whether an active superuser other than `userID` exists (so `userID` may be disabled or lose the role).
    func anotherActiveSuperuser(than userID: Int) async throws -> Bool {
        let superuserRoles = try await roles().filter { $0.codes.contains(StaffGrants.superuserCode) }.map(\.id)
        guard !superuserRoles.isEmpty else { return false }
        return try await services.readSQL().raw("""
            SELECT COUNT(*) AS n FROM staff_role_members JOIN users ON users.id = staff_role_members.user_id
            WHERE staff_role_members.role_id IN (\(binds: superuserRoles)) AND users.is_active = \(bind: true) AND users.id <> \(bind: userID)
            """).first()?.decode(column: "n", as: Int.self) ?? 0 > 0
    }

    private func forgetMembers(ofRole id: Int) async throws {
        let rows = try await services.sql().raw("SELECT user_id FROM staff_role_members WHERE role_id = \(bind: id)").all()
        for row in rows { services.accountStatus.forget(try row.decode(column: "user_id", as: Int.self)) }
    }

    static func checked(_ codes: [String]) throws -> [String] {
        let unknown = StaffGrants.unknownCodes(in: codes)
        guard unknown.isEmpty else { throw Refusal.unknownPermissions(unknown) }
        return Array(Set(codes)).sorted()
    }

    static func role(_ row: any SQLRow) throws -> Role {
        Role(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
             codes: try row.decode(column: "permissions", as: String.self).split(separator: " ").map(String.init),
             builtIn: try row.decode(column: "built_in", as: Bool.self), members: try row.decode(column: "members", as: Int.self))
    }
}
