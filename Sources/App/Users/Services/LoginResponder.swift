import Hummingbird

/// The one place a successful login (password, registration, QQ) becomes a token and a response, so every
/// login path behaves the same — including the login hooks (the cart merge and its cookie).
public struct LoginResponder: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public func token(for user: User) async throws -> String {
        try await services.tokens.userToken(id: try user.requireID(), username: user.username)
    }

    public func login(_ user: User) async throws -> LoginDTO {
        let id = try user.requireID()
        return LoginDTO(token: try await token(for: user), user_id: id, id: id, username: user.username)
    }

    /// `body` as the response, after running the login hooks for `user`.
    public func respond(_ body: some ResponseEncodable, for user: User, status: HTTPResponse.Status = .ok,
                        request: Request, context: AppRequestContext) async throws -> Response {
        var response = try body.response(from: request, context: context)
        response.status = status
        for hook in services.loginHooks {
            for cookie in try await hook.userLoggedIn(userID: try user.requireID(), request: request, services: services) {
                response.setCookie(cookie)
            }
        }
        return response
    }
}
