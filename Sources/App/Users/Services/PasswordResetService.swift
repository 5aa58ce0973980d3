import FluentKit
import Foundation

/// The forgotten-password flow of seed 004: account + captcha → masked mobile and an SMS access token;
/// SMS code → a reset token; reset token → new password. Each token is signed, expiring and single-purpose.
public struct PasswordResetService: Sendable {
    static let smsPurpose = "reset_sms"
    static let resetPurpose = "reset_password"
    public static let tokenLifetime: TimeInterval = 300

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct SMSToken: Codable, Sendable, Equatable {
        public let mobile: String
        public let access_token: String
    }

    public struct ResetToken: Codable, Sendable, Equatable {
        public let user_id: Int
        public let access_token: String
    }

    /// Step 1: after the captcha, the account's masked mobile and a token allowing an SMS to it.
    public func smsToken(account: String) async throws -> SMSToken {
        guard let user = try await AccountService(services: services).findUser(account: account) else { throw UsersError.accountNotFound }
        let token = try await services.tokens.purposeToken(Self.smsPurpose, data: ["mobile": user.mobile], lifetime: Self.tokenLifetime)
        return SMSToken(mobile: Self.mask(user.mobile), access_token: token)
    }

    /// Step 2: the mobile an SMS access token allows sending to.
    public func mobile(fromSMSToken token: String) async throws -> String {
        guard let mobile = await services.tokens.verifyPurposeToken(token, purpose: Self.smsPurpose)?["mobile"] else {
            throw UsersError.invalidAccessToken
        }
        return mobile
    }

    /// Step 3: the SMS code for the account's mobile buys a reset token.
    public func resetToken(account: String, smsCode: String) async throws -> ResetToken {
        guard let user = try await AccountService(services: services).findUser(account: account) else { throw UsersError.accountNotFound }
        try await VerificationService(services: services).checkSMSCode(mobile: user.mobile, code: smsCode)
        let userID = try user.requireID()
        let token = try await services.tokens.purposeToken(Self.resetPurpose, data: ["user_id": String(userID)], lifetime: Self.tokenLifetime)
        return ResetToken(user_id: userID, access_token: token)
    }

    /// Step 4: sets the new password when the token was issued for this user.
    public func reset(userID: Int, token: String, password: String) async throws {
        guard let data = await services.tokens.verifyPurposeToken(token, purpose: Self.resetPurpose),
              data["user_id"] == String(userID) else { throw UsersError.invalidResetToken }
        let accounts = AccountService(services: services)
        try await accounts.changePassword(user: try await accounts.user(id: userID), to: password)
    }

    /// 13812345678 → 138****5678
    static func mask(_ mobile: String) -> String {
        guard mobile.count == 11 else { return mobile }
        return String(mobile.prefix(3)) + "****" + String(mobile.suffix(4))
    }
}
