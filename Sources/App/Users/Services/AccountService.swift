import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Registration, login and the availability checks of the sign-up form.
public struct AccountService: Sendable {
    public static let loginFailureLimit = 5
    public static let loginFailureWindow: TimeInterval = 900

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// The sign-up form's checks read the read pool (a race to the same name still loses on the unique index).
    public func usernameCount(_ username: String) async throws -> Int {
        try await User.query(on: services.readDB()).filter(\.$username == username).count()
    }

    public func mobileCount(_ mobile: String) async throws -> Int {
        try await User.query(on: services.readDB()).filter(\.$mobile == mobile).count()
    }

    public struct Registration: Sendable {
        public var username: String
        public var password: String
        public var mobile: String

        public init(username: String, password: String, mobile: String) {
            self.username = username
            self.password = password
            self.mobile = mobile
        }
    }

    /// Creates the user; a concurrent duplicate loses on the unique index and gets the same 400.
    public func createUser(_ registration: Registration, on database: (any Database)? = nil) async throws -> User {
        let db = database ?? services.db()
        if try await usernameCount(registration.username) > 0 { throw UsersError.usernameTaken }
        if try await mobileCount(registration.mobile) > 0 { throw UsersError.mobileTaken }
        let user = User(username: registration.username, passwordHash: try await services.passwords.hash(registration.password), mobile: registration.mobile)
        do {
            try await user.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            if try await usernameCount(registration.username) > 0 { throw UsersError.usernameTaken }
            throw UsersError.mobileTaken
        }
        return user
    }

    /// Finds the account by username or mobile and checks the password, throttling repeated failures per account.
    ///
    /// The attempt is counted *before* the password is checked, in one atomic statement: of a burst of
    /// concurrent attempts only the first `loginFailureLimit` are checked and the rest get 429, whatever the
    /// concurrency. One counter per account, whether it is reached by username or by mobile; a name that is no
    /// account has a counter of its own. The window is fixed from the first failure, so a lock always ends.
    public func authenticate(account: String, password: String) async throws -> User {
        let store = services.keyValues()
        let user = try await findUser(account: account)
        let throttleKey = Self.loginThrottleKey(user: user, account: account)
        let attempt = try await store.increment(throttleKey, ttl: Self.loginFailureWindow)
        guard attempt <= Self.loginFailureLimit else {
            throw UsersError.tooManyLoginFailures(retryAfter: Int(Self.loginFailureWindow))
        }
        let ok: Bool
        if let user, user.isActive {
            ok = try await services.passwords.verify(password, hash: user.passwordHash)
        } else {
            // Hash anyway so a missing account takes as long as a wrong password.
            _ = try await services.passwords.hash(password)
            ok = false
        }
        guard ok, let user else { throw UsersError.badCredentials }
        try await store.delete(throttleKey)
        // A password moved from Django Meiduo becomes this shop's hash now that it is known to be right.
        if services.passwords.needsRehash(user.passwordHash) { user.passwordHash = try await services.passwords.hash(password) }
        user.lastLogin = services.clock.now()
        try await user.save(on: services.db())
        return user
    }

    static func loginThrottleKey(user: User?, account: String) -> String {
        if let id = user?.id { return "login_fail_user_\(id)" }
        return "login_fail_name_\(account.trimmingCharacters(in: .whitespaces).lowercased())"
    }

    /// A mobile-shaped account is looked up by mobile first, then by username (as the original's backend did).
    public func findUser(account: String) async throws -> User? {
        let db = services.db()
        if Validators.isMobile(account), let user = try await User.query(on: db).filter(\.$mobile == account).first() {
            return user
        }
        return try await User.query(on: db).filter(\.$username == account).first()
    }

    /// How the authentication middleware reads a token holder's account: one indexed row on the read pool, and for
    /// staff their roles' permissions (`grants`, the back office's).
    static func statusLookup(_ database: DatabaseManager, grants: @escaping @Sendable (Int) async throws -> StaffGrants) -> AccountStatusCache.Lookup {
        { id in
            guard let row = try await database.readSQL().raw("SELECT is_active, is_staff FROM users WHERE id = \(bind: id)").first() else {
                return nil
            }
            let isStaff = try row.decode(column: "is_staff", as: Bool.self)
            return AccountStatus(isActive: try row.decode(column: "is_active", as: Bool.self), isStaff: isStaff,
                                 grants: isStaff ? try await grants(id) : .none)
        }
    }

    public func user(id: Int) async throws -> User {
        guard let user = try await User.find(id, on: services.db()) else { throw APIError.notFound }
        return user
    }

    /// Disables or re-enables an account; its tokens stop working at once in this process (and within the
    /// status cache's few seconds in others).
    public func setActive(userID: Int, _ active: Bool) async throws {
        try await services.sql().raw("UPDATE users SET is_active = \(bind: active), update_time = \(bind: services.clock.now()) WHERE id = \(bind: userID)").run()
        services.accountStatus.forget(userID)
    }

    /// Makes the account full staff (the back office's 超级管理员, which `is_staff` alone meant before roles) or no staff
    /// at all, effective for existing tokens as `setActive` is. The back office gives finer roles (`StaffRoles`).
    public func setStaff(userID: Int, _ staff: Bool) async throws {
        let roles = StaffRoles(services: services)
        let superuser = staff ? try await roles.role(named: StaffRoleCatalog.superuser.name)?.id : nil
        try await roles.setRoles(userID: userID, roleIDs: superuser.map { [$0] } ?? [], keepingASuperuser: false)
    }

    public func changePassword(user: User, to password: String) async throws {
        user.passwordHash = try await services.passwords.hash(password)
        try await user.save(on: services.db())
    }
}

/// Field formats of the Meiduo contract.
public enum Validators {
    public static func isMobile(_ s: String) -> Bool {
        s.wholeMatch(of: /1[3-9]\d{9}/) != nil
    }

    /// 5–20 word characters and not only digits (a digits-only name could be confused with a mobile).
    public static func isUsername(_ s: String) -> Bool {
        s.wholeMatch(of: /\w{5,20}/) != nil && s.wholeMatch(of: /\d+/) == nil
    }

    public static func isEmail(_ s: String) -> Bool {
        s.count <= 254 && s.wholeMatch(of: /[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}/) != nil
    }

    public static func isCaptchaID(_ s: String) -> Bool {
        s.wholeMatch(of: /[\w\-]{1,64}/) != nil
    }
}
