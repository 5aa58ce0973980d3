import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Delivers mail to an SMTP server (RFC 5321), one connection per message.
public struct SMTPMailer: Mailer {
    public let configuration: SMTPConfiguration
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger

    public init(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    public func send(_ message: MailMessage) async throws {
        // Validate before connecting: a bad address must not cost a round trip.
        let from = try MailAddress(parsing: message.from)
        let recipients = try message.to.map(MailAddress.init(parsing:))
        guard !recipients.isEmpty else { throw SMTPError.noRecipients }
        let payload = MIMEEncoding.dataPayload(MIMEEncoding.render(message, from: from, to: recipients))

        let tls = configuration.security == .none ? nil : try makeTLSContext()
        let channel = try await SMTPSession.connect(
            host: configuration.host,
            port: configuration.port,
            tls: configuration.security == .tls ? tls : nil,
            timeout: configuration.timeout,
            group: eventLoopGroup
        )
        try await channel.executeThenClose { inbound, outbound in
            let session = SMTPSession(
                channel: channel.channel,
                inbound: inbound,
                outbound: outbound,
                timeout: configuration.timeout,
                logger: logger
            )
            do {
                try await converse(session, tls: tls, from: from, recipients: recipients, payload: payload)
            } catch let error as SMTPError where error.replyCode != nil {
                // The server is still talking to us, so end politely before reporting the error.
                _ = try? await session.send("QUIT", expecting: [221])
                throw error
            }
        }
        logger.info(
            "mail sent",
            metadata: ["to": .array(recipients.map { .string($0.mailbox) }), "host": .string(configuration.host)]
        )
    }

    private func converse(
        _ session: SMTPSession,
        tls: NIOSSLContext?,
        from: MailAddress,
        recipients: [MailAddress],
        payload: String
    ) async throws {
        try await session.expect([220], after: "connect")
        var extensions = try await hello(session)

        if configuration.security == .startTLS, let tls {
            // Never fall back to plain text: that would send credentials in the clear.
            guard extensions.supports("STARTTLS") else { throw SMTPError.startTLSNotSupported }
            try await session.send("STARTTLS", expecting: [220])
            try await session.startTLS(context: tls, host: configuration.host)
            // RFC 3207: everything learned before TLS is discarded, so greet again.
            extensions = try await hello(session)
        }

        if let username = configuration.username {
            if let mechanisms = extensions.authMechanisms {
                try await authenticate(session, username: username, password: configuration.password ?? "", offered: mechanisms)
            } else {
                logger.warning("SMTP server does not offer AUTH; sending without authentication")
            }
        }

        try await session.send("MAIL FROM:<\(from.mailbox)>", expecting: [250])
        for recipient in recipients {
            try await session.send("RCPT TO:<\(recipient.mailbox)>", expecting: [250, 251])
        }
        try await session.send("DATA", expecting: [354])
        try await session.write(payload)
        try await session.expect([250], after: "end of DATA")
        // The message is accepted at this point; a failed QUIT must not report failure.
        _ = try? await session.send("QUIT", expecting: [221])
    }

    /// EHLO, falling back to HELO for servers that predate ESMTP.
    private func hello(_ session: SMTPSession) async throws -> SMTPExtensions {
        do {
            return SMTPExtensions(ehloReply: try await session.send("EHLO \(configuration.heloName)", expecting: [250]))
        } catch SMTPError.unexpectedReply(_, let code, _) where code == 500 || code == 502 {
            let reply = try await session.send("HELO \(configuration.heloName)", expecting: [250])
            return SMTPExtensions(ehloReply: SMTPReply(code: reply.code, lines: [reply.text]))
        }
    }

    private func authenticate(_ session: SMTPSession, username: String, password: String, offered: [String]) async throws {
        if offered.contains("PLAIN") {
            // RFC 4616: authzid NUL authcid NUL password.
            let token = base64("\0\(username)\0\(password)")
            try await session.send("AUTH PLAIN \(token)", logAs: "AUTH PLAIN ***", expecting: [235])
        } else if offered.contains("LOGIN") {
            try await session.send("AUTH LOGIN", expecting: [334])
            try await session.send(base64(username), logAs: "AUTH LOGIN username", expecting: [334])
            try await session.send(base64(password), logAs: "AUTH LOGIN ***", expecting: [235])
        } else {
            throw SMTPError.noSupportedAuthMechanism(offered: offered)
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        try NIOSSLContext(configuration: configuration.tlsConfiguration ?? .makeClientConfiguration())
    }

    private func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
