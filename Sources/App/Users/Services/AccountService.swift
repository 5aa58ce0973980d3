import FluentKit
import Foundation
import SQLKit

/// Registration, login and the availability checks of the sign-up form.
public struct AccountService: Sendable {
    public static let loginFailureLimit = 5
    public static let loginFailureWindow: TimeInterval = 900

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public func usernameCount(_ username: String) async throws -> Int {
        try await User.query(on: services.db()).filter(\.$username == username).count()
    }

    public func mobileCount(_ mobile: String) async throws -> Int {
        try await User.query(on: services.db()).filter(\.$mobile == mobile).count()
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
    public func authenticate(account: String, password: String) async throws -> User {
        let store = services.keyValues()
        let throttleKey = "login_fail_\(account.lowercased())"
        if let failures = try await store.get(throttleKey).flatMap(Int.init), failures >= Self.loginFailureLimit {
            throw UsersError.tooManyLoginFailures(retryAfter: Int(Self.loginFailureWindow))
        }
        let user = try await findUser(account: account)
        let ok: Bool
        if let user, user.isActive {
            ok = try await services.passwords.verify(password, hash: user.passwordHash)
        } else {
            // Hash anyway so a missing account takes as long as a wrong password.
            _ = try await services.passwords.hash(password)
            ok = false
        }
        guard ok, let user else {
            _ = try await store.increment(throttleKey, ttl: Self.loginFailureWindow)
            throw UsersError.badCredentials
        }
        try await store.delete(throttleKey)
        user.lastLogin = Date()
        try await user.save(on: services.db())
        return user
    }

    /// A mobile-shaped account is looked up by mobile first, then by username (as the original's backend did).
    public func findUser(account: String) async throws -> User? {
        let db = services.db()
        if Validators.isMobile(account), let user = try await User.query(on: db).filter(\.$mobile == account).first() {
            return user
        }
        return try await User.query(on: db).filter(\.$username == account).first()
    }

    public func user(id: Int) async throws -> User {
        guard let user = try await User.find(id, on: services.db()) else { throw APIError.notFound }
        return user
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
