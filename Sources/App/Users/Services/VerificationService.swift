import FluentKit
import Foundation
import MeiduoRules

/// Image captchas and SMS codes (seed 004 注册流程): a captcha answer is checked once, an SMS code is
/// sent at most once a minute per mobile, lives five minutes and survives only a few wrong guesses.
public struct VerificationService: Sendable {
    public static let captchaLifetime: TimeInterval = 300
    public static let smsCodeLifetime: TimeInterval = 300
    public static let smsInterval: TimeInterval = 60
    public static let smsCodeMaxFailures = 5
    public static let sendSMSJob = "users.send_sms_code"

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// Draws a new captcha for `id` and remembers its answer.
    public func newCaptcha(id: String) async throws -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        let text = CaptchaText.random(length: 4, using: &rng)
        try await services.keyValues().set("img_\(id)", text, ttl: Self.captchaLifetime)
        return CaptchaRenderer().renderPNG(text: text, using: &rng)
    }

    /// Spends the captcha `id`: whatever the outcome, the same captcha cannot be tried again.
    public func checkCaptcha(id: String, text: String) async throws {
        guard let answer = try await services.keyValues().take("img_\(id)") else { throw UsersError.imageCodeExpired }
        guard CaptchaText.normalize(answer) == CaptchaText.normalize(text) else { throw UsersError.imageCodeWrong }
    }

    /// Generates and stores a code and queues its delivery, all in one transaction.
    public func sendSMSCode(to mobile: String) async throws {
        let code = RandomToken.digits(6)
        try await services.db().transaction { tx in
            let store = KeyValueStore(tx, clock: services.clock)
            guard try await store.add("sms_flag_\(mobile)", "1", ttl: Self.smsInterval) else { throw UsersError.smsTooFrequent }
            try await store.set("sms_\(mobile)", code, ttl: Self.smsCodeLifetime)
            try await store.delete("sms_guess_\(mobile)")
            try await JobQueue.enqueue(Self.sendSMSJob, payload: SendSMSCodePayload(mobile: mobile, code: code), on: tx, maxAttempts: 3, now: services.clock.now())
        }
    }

    /// Checks and spends the code sent to `mobile`.
    ///
    /// Each guess is counted before it is compared, in one atomic statement, so a code is compared with at most
    /// `smsCodeMaxFailures` guesses however many arrive at once; after that it is gone.
    public func checkSMSCode(mobile: String, code: String) async throws {
        let store = services.keyValues()
        guard let expected = try await store.get("sms_\(mobile)") else { throw UsersError.smsCodeExpired }
        let guess = try await store.increment("sms_guess_\(mobile)", ttl: Self.smsCodeLifetime)
        guard guess <= Self.smsCodeMaxFailures else {
            try await store.delete("sms_\(mobile)")
            throw UsersError.smsCodeExpired
        }
        guard expected == code.trimmingCharacters(in: .whitespaces) else {
            if guess == Self.smsCodeMaxFailures { try await store.delete("sms_\(mobile)") }
            throw UsersError.smsCodeWrong
        }
        // Another request may have spent it between the read and now: only one of them wins.
        guard try await store.take("sms_\(mobile)") == expected else { throw UsersError.smsCodeExpired }
        try await store.delete("sms_guess_\(mobile)")
    }
}

public struct SendSMSCodePayload: Codable, Sendable {
    public let mobile: String
    public let code: String
}

enum UserJobs {
    static let sendVerificationEmail = "users.send_verification_email"

    static func register(in registry: inout JobRegistry) {
        registry.register(VerificationService.sendSMSJob, SendSMSCodePayload.self) { payload, context in
            try await context.services.sms.sendVerificationCode(
                payload.code, to: payload.mobile, validMinutes: Int(VerificationService.smsCodeLifetime / 60))
        }
        registry.register(sendVerificationEmail, EmailPayload.self) { email, context in
            try await context.services.mailer.send(MailMessage(
                from: context.services.config.mail.from, to: [email.to], subject: email.subject,
                textBody: email.text, htmlBody: email.html))
        }
    }
}

/// A mail to send from a job; the sender address comes from configuration when it runs.
public struct EmailPayload: Codable, Sendable {
    public let to: String
    public let subject: String
    public let text: String
    public let html: String?
}
