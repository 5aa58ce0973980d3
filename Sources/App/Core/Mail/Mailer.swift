import Logging

/// An e-mail to send. Addresses may be bare (`a@b.com`) or named (`美多商城 <a@b.com>`).
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var textBody: String
    /// When set, the message is sent as multipart/alternative (text + HTML).
    public var htmlBody: String?

    public init(from: String, to: [String], subject: String, textBody: String, htmlBody: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
    }
}

/// Something that can deliver a `MailMessage` (SMTP in production, a log in development).
public protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

/// Development mailer: writes the message to the log instead of sending it.
public struct LogMailer: Mailer {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func send(_ message: MailMessage) async throws {
        logger.info(
            "mail not sent (LogMailer)",
            metadata: [
                "from": .string(message.from),
                "to": .array(message.to.map { .string($0) }),
                "subject": .string(message.subject),
                "body": .string(message.textBody),
            ]
        )
    }
}
