import FluentKit
import Foundation
import SQLKit

/// The identity providers a shopper can sign in with (seed 000 第三方登陆（QQ、支付宝等）): each proves who the shopper is
/// there by an id of its own, bound here to one account in a table of its own (the original's `tb_oauth_qq` for QQ).
public enum ThirdPartyProvider: String, Sendable, CaseIterable {
    case qq, alipay

    var table: String { self == .qq ? QQAccount.schema : AlipayAccount.schema }
    var idColumn: String { self == .qq ? "openid" : "alipay_user_id" }
    /// Bind tokens of one provider never bind another's id.
    var purpose: String { self == .qq ? "qq_bind" : "alipay_bind" }
    var failed: UsersError { self == .qq ? .qqLoginFailed : .alipayLoginFailed }
    var alreadyBound: UsersError { self == .qq ? .qqAlreadyBound : .alipayAlreadyBound }
}

/// Who the provider says the shopper is: its id, and profile columns kept with the binding (Alipay's nickname).
public struct ThirdPartyIdentity: Sendable, Equatable {
    public var id: String
    public var profile: [String: String] = [:]
}

/// Third-party login, one flow for every provider (seed 004 qq登录): a bound id logs straight in; an unbound one gets a
/// signed token to bind with a mobile, which creates the account when the mobile is new.
public struct ThirdPartyLogin: Sendable {
    public static let bindTokenLifetime: TimeInterval = 600
    let services: AppServices
    let provider: ThirdPartyProvider

    public init(services: AppServices, provider: ThirdPartyProvider) {
        self.services = services
        self.provider = provider
    }

    public enum Outcome: Sendable {
        case loggedIn(User)
        case needsBinding(accessToken: String)
    }

    /// The provider's page the shopper is sent to; `next` comes back as `state`.
    public func loginURL(next: String) throws -> String {
        switch provider {
        case .qq: return try qq().loginURL(next: next)
        case .alipay: return try alipay().loginURL(next: next)
        }
    }

    /// Exchanges the code the provider sent the shopper back with for their identity there.
    func identity(code: String) async throws -> ThirdPartyIdentity {
        switch provider {
        case .qq: return ThirdPartyIdentity(id: try await qq().openid(forCode: code))
        case .alipay: return try await alipay().identity(code: code)
        }
    }

    func qq() -> QQOAuthClient { QQOAuthClient(config: services.config.qq, httpClient: services.httpClient) }

    func alipay() throws -> AlipayLoginClient {
        guard let config = services.config.alipay else { throw UsersError.alipayUnavailable }
        return AlipayLoginClient(client: AlipayClient(config: config, httpClient: services.httpClient))
    }

    public func login(code: String) async throws -> Outcome {
        let identity = try await identity(code: code)
        if let userID = try await boundUser(identity.id), let user = try await User.find(userID, on: services.db()) {
            return .loggedIn(user)
        }
        let token = try await services.tokens.purposeToken(provider.purpose, data: ["id": identity.id].merging(identity.profile) { a, _ in a },
                                                           lifetime: Self.bindTokenLifetime)
        return .needsBinding(accessToken: token)
    }

    func boundUser(_ id: String, on database: (any SQLDatabase)? = nil) async throws -> Int? {
        try await (database ?? services.sql()).raw("SELECT user_id FROM \(ident: provider.table) WHERE \(ident: provider.idColumn) = \(bind: id)")
            .first()?.decode(column: "user_id", as: Int.self)
    }

    public struct Binding: Sendable {
        public var mobile: String
        public var password: String
        public var smsCode: String
        public var accessToken: String
    }

    /// Binds the id in the token to the mobile's account, creating the account if needed. The password is checked
    /// before the SMS code is spent, so a typo doesn't cost the shopper a new code, and the account and its binding
    /// are written in one transaction.
    public func bind(_ binding: Binding) async throws -> User {
        guard let data = await services.tokens.verifyPurposeToken(binding.accessToken, purpose: provider.purpose), let id = data["id"] else {
            throw UsersError.invalidBindingToken
        }
        let profile = data.filter { $0.key != "id" }
        let db = services.db()
        let boundTo = try await boundUser(id)
        let existing = try await User.query(on: db).filter(\.$mobile == binding.mobile).first()
        if let boundTo, boundTo != existing?.id { throw provider.alreadyBound }
        if let existing {
            guard try await services.passwords.verify(binding.password, hash: existing.passwordHash) else {
                throw UsersError.wrongPasswordForBinding
            }
        }
        try await VerificationService(services: services).checkSMSCode(mobile: binding.mobile, code: binding.smsCode)
        if let existing, boundTo != nil { return existing }
        let passwordHash = existing == nil ? try await services.passwords.hash(binding.password) : ""
        let now = services.clock.now()
        do {
            return try await db.transaction { tx in
                let user: User
                if let existing {
                    user = existing
                } else {
                    user = User(username: binding.mobile, passwordHash: passwordHash, mobile: binding.mobile)
                    try await user.create(on: tx)
                }
                let columns = ["user_id", provider.idColumn, "create_time", "update_time"] + profile.keys.sorted()
                let values: [any SQLExpression] = [SQLBind(try user.requireID()), SQLBind(id), SQLBind(now), SQLBind(now)]
                    + profile.keys.sorted().map { SQLBind(profile[$0]!) }
                try await (tx as! any SQLDatabase).insert(into: provider.table).columns(columns).values(values).run()
                return user
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // A concurrent registration took the username or mobile, or a double submit bound the id first.
            throw provider.alreadyBound
        }
    }
}
