import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Testing
@testable import App

/// Drives the real `SMTPMailer` against aiosmtpd (Tests/Support/smtp_sink.py), an independent
/// SMTP server whose Python `email` parser decodes what we sent.
@Suite(.heavy, .timeLimit(.minutes(10)))
struct SMTPMailerTests {
    static let chineseSubject = "美多商城邮箱验证：请点击链接激活您的账户，链接二十四小时内有效"
    static let chineseBody = "尊敬的用户您好！\n感谢您使用美多商城。\n.以点开头的行也要原样送达。"

    static func message(html: String? = nil) -> MailMessage {
        MailMessage(
            from: "美多商城 <noreply@meiduo.site>",
            to: ["alice@example.com", "bob@example.org"],
            subject: chineseSubject,
            textBody: chineseBody,
            htmlBody: html
        )
    }

    static func mailer(port: Int, security: SMTPConfiguration.Security = .none, password: String? = nil,
                       tls: TLSConfiguration? = nil, timeout: TimeAmount = .seconds(10)) -> SMTPMailer {
        SMTPMailer(
            configuration: SMTPConfiguration(
                host: security == .none ? "127.0.0.1" : "localhost", port: port,
                username: password == nil ? nil : "meiduo", password: password,
                security: security, timeout: timeout, tlsConfiguration: tls
            ),
            logger: Logger(label: "SMTPMailerTests")
        )
    }

    @Test func plainDeliveryHandsEnvelopeToServer() async throws {
        // setup
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        // act
        try await Self.mailer(port: sink.port).send(Self.message())
        // check
        let mail = try #require(try sink.receivedMail().first)
        #expect(mail.mailFrom == "noreply@meiduo.site")
        #expect(mail.rcptTos == ["alice@example.com", "bob@example.org"])
    }

    @Test func plainDeliveryKeepsChineseSubjectAndBody() async throws {
        // setup
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        // act
        try await Self.mailer(port: sink.port).send(Self.message())
        // check
        let mail = try #require(try sink.receivedMail().first)
        #expect(mail.subject == Self.chineseSubject)
        #expect(mail.from == "美多商城 <noreply@meiduo.site>")
        #expect(mail.text?.replacingOccurrences(of: "\r\n", with: "\n") == Self.chineseBody)
    }

    @Test func htmlBodyIsSentAsMultipartAlternative() async throws {
        // setup
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let html = "<p>请点击<a href=\"https://meiduo.site/verify\">这里</a>激活。</p>"
        // act
        try await Self.mailer(port: sink.port).send(Self.message(html: html))
        // check
        let mail = try #require(try sink.receivedMail().first)
        #expect(mail.contentType == "multipart/alternative")
        #expect(mail.html?.replacingOccurrences(of: "\r\n", with: "\n") == html)
        #expect(mail.text?.replacingOccurrences(of: "\r\n", with: "\n") == Self.chineseBody)
    }

    @Test func startTLSWithAuthDelivers() async throws {
        // setup
        let sink = try await SMTPSink.start(tls: "starttls", user: "meiduo", password: "s3cret")
        defer { sink.stop() }
        let mailer = Self.mailer(port: sink.port, security: .startTLS, password: "s3cret", tls: try sink.trustingTLS())
        // act
        try await mailer.send(Self.message())
        // check
        let mail = try #require(try sink.receivedMail().first)
        #expect(mail.authenticated)
        #expect(mail.subject == Self.chineseSubject)
    }

    @Test func implicitTLSDelivers() async throws {
        // setup
        let sink = try await SMTPSink.start(tls: "implicit")
        defer { sink.stop() }
        let mailer = Self.mailer(port: sink.port, security: .tls, tls: try sink.trustingTLS())
        // act
        try await mailer.send(Self.message())
        // check
        let mail = try #require(try sink.receivedMail().first)
        #expect(mail.rcptTos == ["alice@example.com", "bob@example.org"])
    }

    @Test func wrongPasswordThrowsAuthenticationError() async throws {
        // setup
        let sink = try await SMTPSink.start(tls: "starttls", user: "meiduo", password: "s3cret")
        defer { sink.stop() }
        let mailer = Self.mailer(port: sink.port, security: .startTLS, password: "wrong", tls: try sink.trustingTLS())
        // act
        let error = await #expect(throws: SMTPError.self) { try await mailer.send(Self.message()) }
        // check
        #expect(error?.replyCode == 535)
        #expect(try sink.receivedMail().isEmpty)
    }

    @Test func startTLSMissingOnServerThrowsInsteadOfSendingInClear() async throws {
        // setup
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let mailer = Self.mailer(port: sink.port, security: .startTLS, password: "s3cret")
        // act
        let error = await #expect(throws: SMTPError.self) { try await mailer.send(Self.message()) }
        // check
        #expect(error == .startTLSNotSupported)
        #expect(try sink.receivedMail().isEmpty)
    }

    @Test func serverNotRunningThrowsPromptly() async throws {
        // setup: a port that was free a moment ago, so nothing listens there
        let listener = try await SilentServer.start()
        let port = listener.port
        try await listener.stop()
        let started = ContinuousClock.now
        // act
        await #expect(throws: (any Error).self) { try await Self.mailer(port: port).send(Self.message()) }
        // check
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func silentServerTimesOut() async throws {
        // setup: accepts the connection but never sends the 220 greeting
        let server = try await SilentServer.start()
        let mailer = Self.mailer(port: server.port, timeout: .milliseconds(300))
        // act
        let error = await #expect(throws: SMTPError.self) { try await mailer.send(Self.message()) }
        // check
        #expect(error == .timeout)
        try await server.stop()
    }

    @Test func headerInjectionInRecipientIsRejectedBeforeConnecting() async throws {
        // setup: port 9 (discard) is never contacted because validation comes first
        var message = Self.message()
        message.to = ["alice@example.com\r\nBcc: eve@evil.example"]
        // act
        let error = await #expect(throws: SMTPError.self) { try await Self.mailer(port: 9).send(message) }
        // check
        #expect(error == .invalidAddress(message.to[0]))
    }
}
