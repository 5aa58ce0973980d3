import Hummingbird

/// Reads `Authorization: JWT <token>` (what the Meiduo front end sends) or `Bearer <token>`
/// and records the outcome; handlers decide whether a user is required.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let tokens: TokenService

    public init(tokens: TokenService) { self.tokens = tokens }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            context.auth = await state(for: header)
        }
        return try await next(request, context)
    }

    func state(for header: String) async -> AuthState {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["jwt", "bearer"].contains(parts[0].lowercased()) else {
            return .rejected(.tokenInvalid)
        }
        switch await tokens.verifyUserToken(String(parts[1]).trimmingCharacters(in: .whitespaces)) {
        case .success(let user): return .authenticated(user)
        case .failure(let error): return .rejected(error)
        }
    }
}
