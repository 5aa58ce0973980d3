import Foundation
import JWTKit

/// The JWT the Meiduo front end stores after login (djangorestframework-jwt's payload fields).
struct UserTokenPayload: JWTPayload {
    var user_id: Int
    var username: String
    var exp: ExpirationClaim

    /// The signature is jwt-kit's to check; expiry is checked against the shop's clock by `TokenService`.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// A short-lived signed value for one purpose (email verification, password reset, QQ binding),
/// the role itsdangerous' TimedJSONWebSignatureSerializer played in the original.
struct PurposeTokenPayload: JWTPayload {
    var purpose: String
    var data: [String: String]
    var exp: ExpirationClaim

    /// The signature is jwt-kit's to check; expiry is checked against the shop's clock by `TokenService`.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

public enum TokenCheck: Sendable, Equatable {
    case valid
    case expired
    case invalid
}

/// Signs and verifies every token the shop issues with one HMAC-SHA256 key.
public struct TokenService: Sendable {
    let keys: JWTKeyCollection
    let userTokenLifetime: TimeInterval
    let clock: ShopClock

    public init(secret: String, userTokenLifetime: TimeInterval, clock: ShopClock = .system) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        self.userTokenLifetime = userTokenLifetime
        self.clock = clock
    }

    /// A login token; `lifetime` for a session of another length than a shopper's (the back office's).
    public func userToken(id: Int, username: String, lifetime: TimeInterval? = nil) async throws -> String {
        let payload = UserTokenPayload(user_id: id, username: username,
                                       exp: .init(value: clock.now().addingTimeInterval(lifetime ?? userTokenLifetime)))
        return try await keys.sign(payload)
    }

    /// Reads a login token; `.failure` tells expired from invalid, as DRF-JWT's messages do.
    public func verifyUserToken(_ token: String) async -> Result<AuthUser, APIError> {
        guard let payload = try? await keys.verify(token, as: UserTokenPayload.self) else { return .failure(.tokenInvalid) }
        guard payload.exp.value > clock.now() else { return .failure(.tokenExpired) }
        return .success(AuthUser(id: payload.user_id, username: payload.username))
    }

    public func purposeToken(_ purpose: String, data: [String: String], lifetime: TimeInterval) async throws -> String {
        try await keys.sign(PurposeTokenPayload(purpose: purpose, data: data, exp: .init(value: clock.now().addingTimeInterval(lifetime))))
    }

    /// The token's data if it is ours, unexpired and issued for `purpose`; nil otherwise.
    public func verifyPurposeToken(_ token: String, purpose: String) async -> [String: String]? {
        guard let payload = try? await keys.verify(token, as: PurposeTokenPayload.self), payload.purpose == purpose,
              payload.exp.value > clock.now() else {
            return nil
        }
        return payload.data
    }
}
