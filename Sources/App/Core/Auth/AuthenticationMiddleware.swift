import Hummingbird

/// Reads `Authorization: JWT <token>` (what the Meiduo front end sends) or `Bearer <token>`
/// and records the outcome; handlers decide whether a user is required. A valid token whose account has been
/// deleted or disabled since is refused like a bad one (401, anonymous on the cart), as DRF's JWT
/// authentication does; the account's staff role comes from the account too.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let tokens: TokenService
    let accounts: AccountStatusCache

    public init(tokens: TokenService, accounts: AccountStatusCache) {
        self.tokens = tokens
        self.accounts = accounts
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            context.auth = try await state(for: header)
        }
        return try await next(request, context)
    }

    func state(for header: String) async throws -> AuthState {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["jwt", "bearer"].contains(parts[0].lowercased()) else {
            return .rejected(.tokenInvalid)
        }
        switch await tokens.verifyUserToken(String(parts[1]).trimmingCharacters(in: .whitespaces)) {
        case .success(var user):
            guard let status = try await accounts.status(of: user.id) else { return .rejected(.accountGone) }
            guard status.isActive else { return .rejected(.accountDisabled) }
            user.isStaff = status.isStaff
            user.grants = status.grants
            return .authenticated(user)
        case .failure(let error): return .rejected(error)
        }
    }
}
