import FluentKit
import Foundation
import Hummingbird
import MeiduoRules
import SQLKit

/// Accounts in the back office (`users.read` / `users.write`): `GET /admin/api/users/?q=&active=`,
/// `GET /admin/api/users/<id>/`, `PUT /admin/api/users/<id>/active/ {is_active}`. Money and credits are adjusted
/// through Wallet's staff endpoints (`finance.write`), coupons through Promotions' (`promotions.write`).
struct AdminUsersController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        let read = routes.staff(.users, .read)
        read.get("admin/api/users", use: list)
        read.get("admin/api/users/:id", use: detail)
        routes.staff(.users, .write).put("admin/api/users/:id/active", use: setActive)
    }

    /// `?ordering=` of the user list: the newest account first unless asked.
    static let sortable = SortableColumns(
        columns: [("id", "id"), ("username", "username"), ("date_joined", "create_time"), ("last_login", "last_login")],
        fallback: ListOrdering([.init("id", descending: true)]), tiebreak: "id")

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<AdminUserRowDTO> {
        let page = try PageRequest.parse(request, defaultSize: 20, maxSize: 100)
        var form = FormReader(RequestInput.query(of: request))
        let query = form.string("q", required: false, maxLength: 64)
        var active: Bool?
        if let raw = request.uri.queryParameters.get("active"), !raw.isEmpty {
            active = InputValue.string(raw).boolean
            if active == nil { form.errors.add("active", DRFMessage.invalidBoolean) }
        }
        let ordering = Self.sortable.read(&form)
        try form.finish()
        var conditions: [SQLQueryString] = []
        if let query {
            conditions.append("(username LIKE \(bind: query + "%") OR mobile LIKE \(bind: query + "%") OR email LIKE \(bind: query + "%"))")
        }
        if let active { conditions.append("is_active = \(bind: active)") }
        var clause: SQLQueryString = ""
        if !conditions.isEmpty { clause = " WHERE " + conditions.joined(separator: " AND ") }
        let sql = services.readSQL()
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM users" + clause).first()?.decode(column: "n", as: Int.self) ?? 0
        try page.validate(count: count)
        let rows = try await sql.raw("""
            SELECT id, username, mobile, email, is_active, is_staff, create_time, last_login FROM users
            """ + clause + Self.sortable.orderBy(ordering) + " LIMIT \(bind: page.size) OFFSET \(bind: page.offset)").all()
        return Page(count: count, results: try rows.map(Self.row), request: page, httpRequest: request)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> AdminUserDTO {
        try await dto(try context.pathID())
    }

    /// `{is_active}`: a disabled account's tokens stop working at once (its owner can't sign in or pay). Staff can't
    /// disable themselves, nor the last active 超级管理员.
    @Sendable func setActive(_ request: Request, context: AppRequestContext) async throws -> AdminUserDTO {
        let staff = try context.requirePermission(.users, .write)
        let userID = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let active = form.bool("is_active")
        try form.finish()
        guard let active else { throw APIError.field("is_active", DRFMessage.required) }
        let before = try await dto(userID)
        if !active {
            guard userID != staff.id else { throw APIError(.badRequest, .nonField(["不能停用自己的账号。"])) }
            if try await isSuperuser(userID), !(try await StaffRoles(services: services).anotherActiveSuperuser(than: userID)) {
                throw APIError(.badRequest, .nonField(["至少要保留一位启用中的超级管理员。"]))
            }
        }
        try await AccountService(services: services).setActive(userID: userID, active)
        context.audit?.record(target: "users", id: userID, before: AdminUserActiveDTO(id: userID, is_active: before.user.is_active),
                              after: AdminUserActiveDTO(id: userID, is_active: active), summary: active ? "启用账号" : "停用账号")
        return try await dto(userID)
    }

    func isSuperuser(_ userID: Int) async throws -> Bool {
        try await StaffRoles.grantsLookup(services.database)(userID).isSuperuser
    }

    func dto(_ userID: Int) async throws -> AdminUserDTO {
        guard let row = try await services.readSQL().raw("""
            SELECT id, username, mobile, email, is_active, is_staff, create_time, last_login, email_active FROM users WHERE id = \(bind: userID)
            """).first() else { throw APIError.notFound }
        return AdminUserDTO(user: try Self.row(row), email_active: try row.decode(column: "email_active", as: Bool.self),
                            orders: try await OrderQueries(services: services).count(userID: userID),
                            wallet_balance: Money.format(cents: try await Ledger(.wallet, services: services).balance(userID: userID)),
                            credits: try await Ledger(.credits, services: services).balance(userID: userID))
    }

    static func row(_ row: any SQLRow) throws -> AdminUserRowDTO {
        AdminUserRowDTO(id: try row.decode(column: "id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                        mobile: try row.decode(column: "mobile", as: String.self), email: try row.decode(column: "email", as: String.self),
                        is_active: try row.decode(column: "is_active", as: Bool.self), is_staff: try row.decode(column: "is_staff", as: Bool.self),
                        date_joined: try row.decode(column: "create_time", as: Date?.self), last_login: try row.decode(column: "last_login", as: Date?.self))
    }

}
