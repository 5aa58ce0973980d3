import FluentKit
import Foundation
import SQLKit

/// Signing in from the auction mini-program (seed 001): with a mobile and an SMS code (the account is created on the
/// first sign-in), or with WeChat — a bound openid signs straight in; an unbound one gets a signed token that the
/// SMS-code sign-in binds to the mobile's account. Both end in the same JWT as a password login.
public struct MiniProgramLogin: Sendable {
    static let purpose = "wechat_mini_bind"
    public static let bindTokenLifetime: TimeInterval = 600
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public enum Outcome: Sendable {
        case loggedIn(User)
        case needsBinding(token: String)
    }

    public func wechat(code: String) async throws -> Outcome {
        let session = try await WeChatMiniClient(config: services.config.wechatMini, httpClient: services.httpClient).session(forCode: code)
        let db = services.db()
        if let row = try await services.readSQL().raw("""
            SELECT user_id FROM wechat_mini_users WHERE openid = \(bind: session.openid)
            """).first(), let user = try await User.find(try row.decode(column: "user_id", as: Int.self), on: db) {
            return .loggedIn(user)
        }
        var data = ["openid": session.openid]
        if let unionid = session.unionid { data["unionid"] = unionid }
        return .needsBinding(token: try await services.tokens.purposeToken(Self.purpose, data: data, lifetime: Self.bindTokenLifetime))
    }

    /// The mobile's account (created when new, its password unusable until the user sets one), after its SMS code;
    /// with `bindToken`, the WeChat user it names is bound to that account. Answers the user and whether it is new.
    public func sms(mobile: String, code: String, bindToken: String?) async throws -> (user: User, created: Bool) {
        var binding: [String: String]?
        if let bindToken {
            guard let data = await services.tokens.verifyPurposeToken(bindToken, purpose: Self.purpose) else { throw UsersError.invalidBindingToken }
            binding = data
        }
        if let openid = binding?["openid"], let owner = try await services.readSQL().raw("""
            SELECT u.mobile FROM wechat_mini_users w JOIN users u ON u.id = w.user_id WHERE w.openid = \(bind: openid)
            """).first(), try owner.decode(column: "mobile", as: String.self) != mobile {
            throw UsersError.wechatAlreadyBound  // before the code is spent or an account made for nothing
        }
        try await VerificationService(services: services).checkSMSCode(mobile: mobile, code: code)
        let db = services.db()
        var created = false
        var user: User
        if let existing = try await User.query(on: db).filter(\.$mobile == mobile).first() {
            user = existing
        } else {
            // No password yet: a random one nobody knows, so only SMS (or a reset) opens the account.
            let hash = try await services.passwords.hash(RandomToken.hex(bytes: 24))
            user = User(username: mobile, passwordHash: hash, mobile: mobile)
            do {
                try await user.create(on: db)
                created = true
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // A concurrent first sign-in of the same mobile (or a username taken by the number): use that account.
                guard let raced = try await User.query(on: db).filter(\.$mobile == mobile).first() else { throw UsersError.mobileTaken }
                user = raced
            }
        }
        if let binding, let openid = binding["openid"] {
            try await bind(openid: openid, unionid: binding["unionid"], to: try user.requireID())
        }
        return (user, created)
    }

    func bind(openid: String, unionid: String?, to userID: Int) async throws {
        let sql = services.sql()
        let now = services.clock.now()
        let rows = try await sql.raw("""
            INSERT INTO wechat_mini_users (user_id, openid, unionid, create_time, update_time)
            VALUES (\(bind: userID), \(bind: openid), \(bind: unionid), \(bind: now), \(bind: now))
            ON CONFLICT (openid) DO NOTHING RETURNING id
            """).all()
        if rows.isEmpty {
            // Bound already: fine when to this account (a double submit), refused when to another.
            let owner = try await sql.raw("SELECT user_id FROM wechat_mini_users WHERE openid = \(bind: openid)").first()?
                .decode(column: "user_id", as: Int.self)
            if owner != userID { throw UsersError.wechatAlreadyBound }
        }
    }
}
