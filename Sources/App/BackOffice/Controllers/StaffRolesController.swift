import Foundation
import Hummingbird
import MeiduoRules
import SQLKit

/// Roles and who holds them (`staff.read` / `staff.write`): `GET/POST /admin/api/roles/`, `PUT /admin/api/roles/<id>/`,
/// `GET /admin/api/staff/` (staff members; `?q=` finds any account to make staff), `PUT /admin/api/users/<id>/roles/`.
struct StaffRolesController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        let read = routes.staff(.staff, .read), write = routes.staff(.staff, .write)
        read.get("admin/api/roles", use: roles)
        write.post("admin/api/roles", use: createRole)
        write.put("admin/api/roles/:id", use: updateRole)
        read.get("admin/api/staff", use: members)
        write.put("admin/api/users/:id/roles", use: setMemberRoles)
    }

    @Sendable func roles(_ request: Request, context: AppRequestContext) async throws -> [StaffRoleDTO] {
        try await StaffRoles(services: services).roles().map(Self.dto)
    }

    @Sendable func createRole(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<StaffRoleDTO> {
        let form = try await JSONForm.decode(RoleForm.self, from: request, context: context)
        var errors = FieldErrors()
        let name = form.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty { errors.add("name", DRFMessage.required) } else if name.count > 20 { errors.add("name", DRFMessage.maxLength(20)) }
        if form.permissions == nil { errors.add("permissions", DRFMessage.required) }
        try errors.throwIfAny()
        do {
            let role = try await StaffRoles(services: services).createRole(name: name, codes: form.permissions!)
            context.audit?.record(target: "staff_role", id: role.id, after: Self.dto(role), summary: "新建角色 \(role.name)")
            return EditedResponse(status: .created, response: Self.dto(role))
        } catch let refusal as StaffRoles.Refusal {
            throw Self.error(refusal)
        }
    }

    @Sendable func updateRole(_ request: Request, context: AppRequestContext) async throws -> StaffRoleDTO {
        let id = try context.pathID()
        let form = try await JSONForm.decode(RoleForm.self, from: request, context: context)
        guard let codes = form.permissions else { throw APIError.field("permissions", DRFMessage.required) }
        do {
            let (before, after) = try await StaffRoles(services: services).updateRole(id: id, codes: codes)
            context.audit?.record(target: "staff_role", id: id, before: Self.dto(before), after: Self.dto(after), summary: "修改角色 \(after.name) 的权限")
            return Self.dto(after)
        } catch let refusal as StaffRoles.Refusal {
            throw Self.error(refusal)
        }
    }

    /// Staff members, or with `?q=` any account whose username or mobile starts so (to make someone staff).
    @Sendable func members(_ request: Request, context: AppRequestContext) async throws -> [StaffMemberDTO] {
        let query = request.uri.queryParameters.get("q")?.trimmingCharacters(in: .whitespaces) ?? ""
        guard query.count <= 20, !query.unicodeScalars.contains("\u{0}") else { throw APIError.field("q", DRFMessage.maxLength(20)) }
        let condition: SQLQueryString = query.isEmpty
            ? "is_staff = \(bind: true)"
            : "(username LIKE \(bind: query + "%") OR mobile LIKE \(bind: query + "%"))"
        let rows = try await services.readSQL().raw("""
            SELECT id, username, mobile, is_active, last_login FROM users WHERE \(condition) ORDER BY id LIMIT 50
            """).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        let held = try await StaffRoles(services: services).roleIDs(of: ids)
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            return StaffMemberDTO(id: id, username: try row.decode(column: "username", as: String.self), mobile: try row.decode(column: "mobile", as: String.self),
                                  is_active: try row.decode(column: "is_active", as: Bool.self), roles: held[id] ?? [],
                                  last_login: try row.decode(column: "last_login", as: Date?.self))
        }
    }

    /// `{roles: [ids]}`: exactly these roles (an empty list ends the account's staff rights).
    @Sendable func setMemberRoles(_ request: Request, context: AppRequestContext) async throws -> StaffMemberRolesDTO {
        let userID = try context.pathID()
        let form = try await JSONForm.decode(MemberRolesForm.self, from: request, context: context)
        guard let wanted = form.roles else { throw APIError.field("roles", DRFMessage.required) }
        let roles = StaffRoles(services: services)
        let before = StaffMemberRolesDTO(id: userID, roles: try await roles.roleIDs(of: [userID])[userID] ?? [])
        do {
            try await roles.setRoles(userID: userID, roleIDs: wanted)
        } catch let refusal as StaffRoles.Refusal {
            throw Self.error(refusal)
        }
        let after = StaffMemberRolesDTO(id: userID, roles: try await roles.roleIDs(of: [userID])[userID] ?? [])
        context.audit?.record(target: "user", id: userID, before: before, after: after, summary: "设置员工角色")
        return after
    }

    static func dto(_ role: StaffRoles.Role) -> StaffRoleDTO {
        StaffRoleDTO(id: role.id, name: role.name, permissions: role.codes, built_in: role.builtIn, members: role.members)
    }


    static func error(_ refusal: StaffRoles.Refusal) -> APIError {
        switch refusal {
        case .unknownPermissions(let codes): return .field("permissions", "未知权限：\(codes.joined(separator: "、"))")
        case .nameTaken: return .field("name", "已有同名角色。")
        case .unknownRoles(let ids): return .field("roles", "未知角色：\(ids.map(String.init).joined(separator: "、"))")
        case .lastSuperuser: return APIError(.badRequest, .nonField(["至少要保留一位启用中的超级管理员。"]))
        case .builtInRole: return APIError(.badRequest, .nonField(["超级管理员角色拥有全部权限，不能修改。"]))
        case .notFound: return .notFound
        }
    }
}
