import Foundation
import Hummingbird
import MeiduoRules

/// Signing in to the back office at `/admin/`: the same accounts, staff only, with a session of its own length
/// (`ADMIN_SESSION_SECONDS`); `GET /admin/api/me/` tells the pages what to show.
struct AdminAuthController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.post("admin/api/authorizations", use: login)
        routes.staff.get("admin/api/me", use: me)
    }

    /// `{username, password}`: wrong credentials are the shop's 400 (and count towards its lock-out); a right password
    /// of an account that is not staff is a 403 that says only that.
    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> AdminLoginDTO {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let account = form.string("username", maxLength: 150)
        let password = form.string("password", maxLength: 128)
        try form.finish()
        let user = try await AccountService(services: services).authenticate(account: account!, password: password!)
        let id = try user.requireID()
        services.accountStatus.forget(id)
        guard let status = try await services.accountStatus.status(of: id), status.isStaff else {
            throw APIError(.forbidden, .detail("此账号不是员工账号，不能登录运营后台。"))
        }
        let lifetime = services.config.adminSessionSeconds
        let token = try await services.tokens.userToken(id: id, username: user.username, lifetime: TimeInterval(lifetime))
        return AdminLoginDTO(token: token, expires_in: lifetime, me: try await Self.me(id: id, username: user.username, grants: status.grants, services: services))
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> AdminMeDTO {
        let user = try context.requireStaff()
        return try await Self.me(id: user.id, username: user.username, grants: user.grants, services: services)
    }

    static func me(id: Int, username: String, grants: StaffGrants, services: AppServices) async throws -> AdminMeDTO {
        let roles = StaffRoles(services: services)
        let held = try await roles.roleIDs(of: [id])[id] ?? []
        let names = try await roles.roles().filter { held.contains($0.id) }.map(\.name)
        return AdminMeDTO(id: id, username: username, superuser: grants.isSuperuser, roles: names,
                          permissions: grants.effective.map(\.code),
                          areas: StaffArea.allCases.map {
                              AdminAreaDTO(area: $0.rawValue, title: $0.title, read: grants.allows($0, .read), write: grants.allows($0, .write))
                          })
    }
}
