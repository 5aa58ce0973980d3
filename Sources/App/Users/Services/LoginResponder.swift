import Hummingbird

/// The one place a successful login (password, registration, QQ) becomes a token, so every login path
/// behaves the same — and the cart can hook its merge here.
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
}
