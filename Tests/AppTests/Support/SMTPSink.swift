import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A running Tests/Support/smtp_sink.py (aiosmtpd) storing each received message as JSON.
final class SMTPSink {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AppTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Support/smtp_sink.py")

    let port: Int
    let directory: URL
    private let process: PythonProcess
    private let certificate: URL?

    private init(port: Int, directory: URL, process: PythonProcess, certificate: URL?) {
        self.port = port
        self.directory = directory
        self.process = process
        self.certificate = certificate
    }

    /// - Parameters:
    ///   - tls: "none", "starttls" (required before any mail command) or "implicit".
    ///   - user, password: when set, AUTH is required (and only offered over TLS).
    static func start(tls: String = "none", user: String? = nil, password: String? = nil) async throws -> SMTPSink {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var arguments = ["--port", "0", "--out", directory.path, "--tls", tls]
        var certificate: URL?
        if tls != "none" {
            let (cert, key) = try makeSelfSignedCertificate(in: directory)
            arguments += ["--cert", cert.path, "--key", key.path]
            certificate = cert
        }
        if let user, let password {
            arguments += ["--user", user, "--password", password]
        }
        let process: PythonProcess
        do {
            process = try await PythonProcess.start(script: script, arguments: arguments)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        guard let port = Int(process.readyInfo) else {
            process.terminate()
            throw SinkError("smtp_sink.py printed READY without a port: '\(process.readyInfo)'")
        }
        return SMTPSink(port: port, directory: directory, process: process, certificate: certificate)
    }

    /// Messages received so far, in arrival order.
    func receivedMail() throws -> [ReceivedMail] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }
            .sorted { Int($0.dropLast(5)) ?? 0 < Int($1.dropLast(5)) ?? 0 }
        return try files.map {
            try JSONDecoder().decode(ReceivedMail.self, from: Data(contentsOf: directory.appendingPathComponent($0)))
        }
    }

    /// A client TLS configuration that trusts only this sink's self-signed certificate
    /// (full verification, so connect to "localhost").
    func trustingTLS() throws -> TLSConfiguration {
        guard let certificate else { throw SinkError("sink was started without TLS") }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate.path))
        return configuration
    }

    func stop() {
        process.terminate()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func makeSelfSignedCertificate(in directory: URL) throws -> (cert: URL, key: URL) {
        let cert = directory.appendingPathComponent("cert.pem")
        let key = directory.appendingPathComponent("key.pem")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost", "-days", "1",
            "-keyout", key.path, "-out", cert.path,
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else {
            throw SinkError("openssl req failed with status \(openssl.terminationStatus)")
        }
        return (cert, key)
    }
}

/// One message as stored by smtp_sink.py; text fields are decoded by Python's `email` package.
struct ReceivedMail: Decodable {
    var mailFrom: String
    var rcptTos: [String]
    var raw: String
    var subject: String
    var from: String
    var to: String
    var contentType: String
    var text: String?
    var html: String?
    var authenticated: Bool

    enum CodingKeys: String, CodingKey {
        case mailFrom = "mail_from", rcptTos = "rcpt_tos", contentType = "content_type"
        case raw, subject, from, to, text, html, authenticated
    }
}

struct SinkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A TCP server that accepts connections and never says anything (for timeout tests).
struct SilentServer {
    let channel: any Channel

    var port: Int { channel.localAddress?.port ?? 0 }

    static func start() async throws -> SilentServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return SilentServer(channel: channel)
    }

    func stop() async throws {
        try await channel.close()
    }
}
