import Logging

/// Sends verification codes by text message.
public protocol SMSSender: Sendable {
    /// Sends `code`, valid for `minutes`, to `mobile`.
    func sendVerificationCode(_ code: String, to mobile: String, validMinutes: Int) async throws
}

/// Development default: writes the code to the log so a developer can read it.
public struct LogSMSSender: SMSSender {
    let logger: Logger
    public init(logger: Logger) { self.logger = logger }

    public func sendVerificationCode(_ code: String, to mobile: String, validMinutes: Int) async throws {
        logger.notice("SMS verification code", metadata: ["mobile": "\(mobile)", "code": "\(code)", "valid_minutes": "\(validMinutes)"])
    }
}
