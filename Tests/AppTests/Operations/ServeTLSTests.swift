import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOSSL
import ServiceLifecycle
import Testing
@testable import App

/// `meiduo serve` speaking HTTPS itself: with `TLS_CERTIFICATE_FILE` and `TLS_KEY_FILE` set, the shop answers over TLS
/// with that certificate (checked by a client that trusts only it), and plain HTTP to the port gets nothing.
@Suite(.heavy, .timeLimit(.minutes(5))) struct ServeTLSTests {
    /// A self-signed certificate for 127.0.0.1 made with openssl, and its key.
    static func selfSigned(in folder: String) throws -> TLSFiles {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let files = TLSFiles(certificate: folder + "/cert.pem", key: folder + "/key.pem")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", files.key, "-out", files.certificate, "-days", "1",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw TestSetupError(description: "openssl could not make a certificate") }
        return files
    }

    @Test func theShopAnswersOverTLSWithItsCertificate() async throws {
        let folder = NSTemporaryDirectory() + "meiduo-tls-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try Self.selfSigned(in: folder)
        // setup: the configuration read from the environment, as `serve` reads it
        let loaded = try AppConfig.load(from: ["SECRET_KEY": String(repeating: "k", count: 40), "DATA_DIR": folder,
                                               "TLS_CERTIFICATE_FILE": files.certificate, "TLS_KEY_FILE": files.key]).tls
        try await withServices({ $0.tls = loaded }) { env in
            let port = NIOLockedValueBox<Int?>(nil)
            let app = Application(router: MeiduoApplication.buildRouter(services: env.services), server: try MeiduoApplication.server(services: env.services),
                                  configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { channel in port.withLockedValue { $0 = channel.localAddress?.port } },
                                  logger: TestDatabases.logger)
            let group = ServiceGroup(services: [app], logger: TestDatabases.logger)
            async let serving: Void = group.run()
            while port.withLockedValue({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
            let bound = port.withLockedValue { $0 }!
            var trust = TLSConfiguration.makeClientConfiguration()
            trust.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(files.certificate))
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: trust, timeout: .init(connect: .seconds(5), read: .seconds(5))))
            // act
            let https = try? await client.execute(HTTPClientRequest(url: "https://127.0.0.1:\(bound)/health/"), timeout: .seconds(10))
            let plain = try? await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(bound)/health/"), timeout: .seconds(10))
            try await client.shutdown()
            await group.triggerGracefulShutdown()
            try await serving
            // check
            #expect(loaded == files)
            #expect(https?.status == .ok)
            #expect(plain == nil || plain?.status != .ok)
        }
    }

    @Test func aCertificateWithoutItsKeyIsAConfigurationError() throws {
        // act / check
        #expect(throws: ConfigError.self) {
            _ = try AppConfig.load(from: ["SECRET_KEY": String(repeating: "k", count: 40), "DATA_DIR": NSTemporaryDirectory(),
                                          "TLS_CERTIFICATE_FILE": "/etc/hostname"])
        }
    }
}
