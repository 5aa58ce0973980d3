import NIOConcurrencyHelpers
@testable import App

/// Stands in for the SMS provider in domain tests (the real Yuntongxun client has its own tests against a fake server).
final class RecordingSMSSender: SMSSender {
    struct Sent: Sendable, Equatable {
        let mobile: String
        let code: String
    }

    private let box = NIOLockedValueBox<[Sent]>([])

    var sent: [Sent] { box.withLockedValue { $0 } }

    func lastCode(for mobile: String) -> String? {
        sent.last { $0.mobile == mobile }?.code
    }

    func sendVerificationCode(_ code: String, to mobile: String, validMinutes: Int) async throws {
        box.withLockedValue { $0.append(Sent(mobile: mobile, code: code)) }
    }
}

/// Stands in for the mailer in domain tests (the SMTP client is tested against aiosmtpd).
final class RecordingMailer: Mailer {
    private let box = NIOLockedValueBox<[MailMessage]>([])

    var sent: [MailMessage] { box.withLockedValue { $0 } }

    func send(_ message: MailMessage) async throws {
        box.withLockedValue { $0.append(message) }
    }
}

/// A catalog stand-in for the user center until the catalog issue lands: SKUs 1…99 exist.
struct FixedSKULookup: SKULookup {
    func exists(_ id: Int) async throws -> Bool { (1...99).contains(id) }
    func summaries(_ ids: [Int]) async throws -> [SKUSummaryDTO] {
        ids.filter { (1...99).contains($0) }.map { SKUSummaryDTO(id: $0, name: "SKU \($0)", price: "1.00", default_image_url: "", comments: 0) }
    }
}
