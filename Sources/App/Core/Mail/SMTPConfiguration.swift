import NIOCore
import NIOSSL

/// Where and how `SMTPMailer` connects.
public struct SMTPConfiguration: Sendable {
    public enum Security: Sendable, Equatable {
        /// Plain text for the whole session (local relays and tests only).
        case none
        /// Plain connect, then upgrade with STARTTLS; fails if the server does not offer it.
        case startTLS
        /// TLS from the first byte (usually port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var security: Security
    /// Name sent in EHLO.
    public var heloName: String
    /// Limit for connecting and for each server reply.
    public var timeout: TimeAmount
    /// `nil` means the default client configuration, with full certificate verification.
    public var tlsConfiguration: TLSConfiguration?

    public init(
        host: String,
        port: Int,
        username: String? = nil,
        password: String? = nil,
        security: Security,
        heloName: String = "localhost",
        timeout: TimeAmount = .seconds(20),
        tlsConfiguration: TLSConfiguration? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.security = security
        self.heloName = heloName
        self.timeout = timeout
        self.tlsConfiguration = tlsConfiguration
    }
}

/// Why an SMTP delivery failed.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered `command` with a code we did not expect.
    case unexpectedReply(command: String, code: Int, message: String)
    /// The server sent something that is not an SMTP reply.
    case malformedReply(String)
    /// No reply (or no connection) within `SMTPConfiguration.timeout`.
    case timeout
    /// The server closed the connection mid-conversation.
    case connectionClosed
    /// `.startTLS` was configured but the server does not offer STARTTLS.
    case startTLSNotSupported
    /// The server offers AUTH but none of the mechanisms we speak (PLAIN, LOGIN).
    case noSupportedAuthMechanism(offered: [String])
    /// An address is empty or contains characters that could inject commands or headers.
    case invalidAddress(String)
    case noRecipients

    /// The SMTP reply code, when the failure came from a server reply.
    public var replyCode: Int? {
        if case .unexpectedReply(_, let code, _) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .unexpectedReply(let command, let code, let message):
            return "SMTP server replied \(code) \(message) to \(command)"
        case .malformedReply(let line): return "malformed SMTP reply: \(line)"
        case .timeout: return "SMTP server did not answer in time"
        case .connectionClosed: return "SMTP server closed the connection"
        case .startTLSNotSupported: return "SMTP server does not offer STARTTLS"
        case .noSupportedAuthMechanism(let offered):
            return "SMTP server offers no supported AUTH mechanism (offered: \(offered.joined(separator: " ")))"
        case .invalidAddress(let address): return "invalid e-mail address: \(address)"
        case .noRecipients: return "message has no recipients"
        }
    }
}
