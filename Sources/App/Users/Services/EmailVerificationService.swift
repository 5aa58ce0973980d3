import FluentKit
import Foundation

/// Saves a user's email and verifies it through a signed, expiring link (seed 004 邮箱验证).
public struct EmailVerificationService: Sendable {
    static let purpose = "verify_email"
    public static let linkLifetime: TimeInterval = 86_400

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// Stores the address (unverified) and queues the verification mail in the same transaction.
    public func setEmail(_ email: String, for user: User) async throws {
        let link = try await verificationLink(userID: try user.requireID(), email: email)
        try await services.db().transaction { tx in
            user.email = email
            user.emailActive = false
            try await user.save(on: tx)
            let payload = EmailPayload(
                to: email,
                subject: "美多商城邮箱验证",
                text: "尊敬的用户您好！\n感谢您使用美多商城。\n您的邮箱为：\(email)。请点击此链接激活您的邮箱：\n\(link)\n",
                html: """
                <p>尊敬的用户您好！</p><p>感谢您使用美多商城。</p>
                <p>您的邮箱为：\(Self.escape(email)) 。请点击此链接激活您的邮箱：</p>
                <p><a href="\(Self.escape(link))">\(Self.escape(link))</a></p>
                """
            )
            try await JobQueue.enqueue(UserJobs.sendVerificationEmail, payload: payload, on: tx, now: services.clock.now())
        }
    }

    public func verificationLink(userID: Int, email: String) async throws -> String {
        let token = try await services.tokens.purposeToken(Self.purpose, data: ["user_id": String(userID), "email": email], lifetime: Self.linkLifetime)
        return "\(services.config.frontendURL)/success_verify_email.html?token=\(token)"
    }

    /// Activates the email named in the token, if it is still the user's current address.
    public func verify(token: String) async throws {
        guard let data = await services.tokens.verifyPurposeToken(token, purpose: Self.purpose),
              let userID = data["user_id"].flatMap(Int.init), let email = data["email"],
              let user = try await User.find(userID, on: services.db()), user.email == email
        else { throw UsersError.invalidVerificationLink }
        user.emailActive = true
        try await user.save(on: services.db())
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
