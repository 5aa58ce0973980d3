import Hummingbird

/// Something that must happen whenever a user logs in, by any path (password, registration, QQ);
/// it may set cookies on the login response (the cart merge clears the anonymous cart this way).
public protocol LoginHook: Sendable {
    func userLoggedIn(userID: Int, request: Request, services: AppServices) async throws -> [Cookie]
}
