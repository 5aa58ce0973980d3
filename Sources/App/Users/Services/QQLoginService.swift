import FluentKit
import Foundation

/// QQ login (seed 004 qq登录): a bound openid logs straight in; an unbound one gets a signed token
/// to bind with a mobile, which creates the account when the mobile is new.
public struct QQLoginService: Sendable {
    static let purpose = "qq_bind"
    public static let bindTokenLifetime: TimeInterval = 600
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public enum Outcome: Sendable {
        case loggedIn(User)
        case needsBinding(accessToken: String)
    }

    public func client() -> QQOAuthClient {
        QQOAuthClient(config: services.config.qq, httpClient: services.httpClient)
    }

    public func login(code: String) async throws -> Outcome {
        let openid = try await client().openid(forCode: code)
        let db = services.db()
        if let binding = try await QQAccount.query(on: db).filter(\.$openid == openid).first(),
           let user = try await User.find(binding.userID, on: db) {
            return .loggedIn(user)
        }
        let token = try await services.tokens.purposeToken(Self.purpose, data: ["openid": openid], lifetime: Self.bindTokenLifetime)
        return .needsBinding(accessToken: token)
    }

    public struct Binding: Sendable {
        public var mobile: String
        public var password: String
        public var smsCode: String
        public var accessToken: String
    }

    /// Binds the openid in the token to the mobile's account, creating the account if needed.
    /// The password is checked before the SMS code is spent, so a typo doesn't cost the shopper a new code,
    /// and the account and its binding are written in one transaction.
    public func bind(_ binding: Binding) async throws -> User {
        guard let openid = await services.tokens.verifyPurposeToken(binding.accessToken, purpose: Self.purpose)?["openid"] else {
            throw UsersError.invalidBindingToken
        }
        let db = services.db()
        let existingBinding = try await QQAccount.query(on: db).filter(\.$openid == openid).first()
        let existing = try await User.query(on: db).filter(\.$mobile == binding.mobile).first()
        if let existingBinding, existingBinding.userID != existing?.id { throw UsersError.qqAlreadyBound }
        if let existing {
            guard try await services.passwords.verify(binding.password, hash: existing.passwordHash) else {
                throw UsersError.wrongPasswordForBinding
            }
        }
        try await VerificationService(services: services).checkSMSCode(mobile: binding.mobile, code: binding.smsCode)
        if let existing, existingBinding != nil { return existing }
        let passwordHash = existing == nil ? try await services.passwords.hash(binding.password) : ""
        do {
            return try await db.transaction { tx in
                let user: User
                if let existing {
                    user = existing
                } else {
                    user = User(username: binding.mobile, passwordHash: passwordHash, mobile: binding.mobile)
                    try await user.create(on: tx)
                }
                try await QQAccount(userID: try user.requireID(), openid: openid).create(on: tx)
                return user
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // A concurrent registration took the username or mobile, or a double submit bound the openid first.
            throw UsersError.qqAlreadyBound
        }
    }
}
