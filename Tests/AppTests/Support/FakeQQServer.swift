import Foundation
@testable import App

/// A running Tests/Support/fake_qq.py: QQ 互联's code → access token → openid exchange, refusing
/// unknown or reused codes and any other app id, secret or redirect URI than the registered ones.
final class FakeQQServer {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AppTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Support/fake_qq.py")

    static let clientID = "appid"
    static let clientSecret = "secret"
    static let redirectURI = "http://www.meiduo.site:8080/oauth_callback.html"
    static let authorizeURL = "https://graph.qq.com/oauth2.0/authorize"

    let port: Int
    private let process: PythonProcess

    private init(port: Int, process: PythonProcess) {
        self.port = port
        self.process = process
    }

    /// - Parameter codes: authorization codes QQ has issued, each to the openid it maps to; one use each.
    static func start(codes: [String: String] = [:]) async throws -> FakeQQServer {
        let arguments = ["--client-id", clientID, "--client-secret", clientSecret, "--redirect-uri", redirectURI]
            + codes.sorted { $0.key < $1.key }.flatMap { ["--code", "\($0.key)=\($0.value)"] }
        let process = try await PythonProcess.start(script: script, arguments: arguments)
        guard let port = Int(process.readyInfo) else {
            process.terminate()
            throw SinkError("fake_qq.py printed READY without a port: '\(process.readyInfo)'")
        }
        return FakeQQServer(port: port, process: process)
    }

    /// The shop's QQ settings pointing at this fake; `clientSecret` can be overridden to play a misconfigured shop.
    func config(clientSecret: String = FakeQQServer.clientSecret) -> QQConfig {
        Self.config(apiPort: port, clientSecret: clientSecret)
    }

    static func config(apiPort: Int, clientSecret: String = clientSecret) -> QQConfig {
        QQConfig(clientID: clientID, clientSecret: clientSecret, redirectURI: redirectURI,
                 authorizeBaseURL: authorizeURL, apiBaseURL: "http://127.0.0.1:\(apiPort)")
    }

    func stop() {
        process.terminate()
    }
}
