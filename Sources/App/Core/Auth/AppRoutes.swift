import Hummingbird
import MeiduoRules

/// The router's doors. Every route is registered on one, and the door's middleware decides who gets through before
/// any handler runs: `open` for anyone (the cart treats a bad token as anonymous), `user` for a logged-in active
/// account (401 otherwise), `staff` for any staff member, and `staff(area, access)` for staff whose roles allow that
/// (401 without a login, 403 otherwise). Write doors also audit every successful change (`AuditMiddleware`).
public struct AppRoutes {
    public let open: RouterGroup<AppRequestContext>
    public let user: RouterGroup<AppRequestContext>
    public let staff: RouterGroup<AppRequestContext>
    let router: Router<AppRequestContext>
    let audit: AuditMiddleware

    public init(router: Router<AppRequestContext>, audit: AuditMiddleware) {
        self.router = router
        self.audit = audit
        open = router.group()
        user = router.group().add(middleware: RequireUserMiddleware())
        staff = router.group().add(middleware: RequireStaffMiddleware())
    }

    /// The door for staff allowed `access` to `area`.
    public func staff(_ area: StaffArea, _ access: StaffAccess) -> RouterGroup<AppRequestContext> {
        let door = router.group().add(middleware: RequirePermissionMiddleware(area: area, access: access))
        return access == .write ? door.add(middleware: audit) : door
    }
}

/// Lets through a request whose token names an active account; otherwise DRF's 401.
public struct RequireUserMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        _ = try context.requireUser()
        return try await next(request, context)
    }
}

/// Lets through staff only: 401 without a login, 403 for anyone else. The role is read from the account (cached
/// for seconds), so a withdrawn role ends with it.
public struct RequireStaffMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        _ = try context.requireStaff()
        return try await next(request, context)
    }
}

/// Lets through staff whose roles allow `access` to `area`: 401 without a login, 403 for a shopper or a staff member
/// without that permission (told nothing more).
public struct RequirePermissionMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let area: StaffArea
    let access: StaffAccess

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        _ = try context.requirePermission(area, access)
        return try await next(request, context)
    }
}
