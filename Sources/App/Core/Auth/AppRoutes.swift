import Hummingbird

/// The router's three doors. Every route is registered on one, and the door's middleware decides who gets
/// through before any handler runs: `open` for anyone (the cart treats a bad token as anonymous), `user` for a
/// logged-in active account (401 otherwise), `staff` for staff (401 without a login, 403 for a shopper). The
/// back office's roles will be more doors of the same kind.
public struct AppRoutes {
    public let open: RouterGroup<AppRequestContext>
    public let user: RouterGroup<AppRequestContext>
    public let staff: RouterGroup<AppRequestContext>

    public init(router: Router<AppRequestContext>) {
        open = router.group()
        user = router.group().add(middleware: RequireUserMiddleware())
        staff = router.group().add(middleware: RequireStaffMiddleware())
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
