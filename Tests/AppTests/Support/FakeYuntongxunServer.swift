import Foundation
@testable import App

/// A running Tests/Support/fake_yuntongxun.py: checks path, Authorization, sig, headers and body as
/// 容联云通讯 does, and records every request it received with the statusCode it answered.
final class FakeYuntongxunServer {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AppTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Support/fake_yuntongxun.py")

    static let accountSID = "8aaf0708fake0000000000000000000a1"
    static let authToken = "5d1f0e2c9b7a4e3f8c6d2b1a0e9f8c7d"
    static let appID = "8aaf0708fake0000000000000000000b2"
    static let templateID = "1"

    /// What the fake received and answered.
    struct Received: Decodable {
        struct Payload: Decodable {
            var to: String
            var appId: String
            var templateId: String
            var datas: [String]
        }
        var method: String
        var target: String
        var headers: [String: String]
        var body: String
        var payload: Payload?
        var statusCode: String?
    }

    let port: Int
    private let log: URL
    private let process: PythonProcess

    private init(port: Int, log: URL, process: PythonProcess) {
        self.port = port
        self.log = log
        self.process = process
    }

    /// - Parameters:
    ///   - replyStatus: the statusCode answered to requests that pass every check.
    ///   - httpStatus: when not 200, every request gets this HTTP status and no JSON.
    static func start(replyStatus: String = "000000", replyMessage: String = "", httpStatus: Int = 200) async throws -> FakeYuntongxunServer {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("fake-yuntongxun-\(UUID().uuidString).jsonl")
        let process = try await PythonProcess.start(script: script, arguments: [
            "--out", log.path, "--account-sid", accountSID, "--auth-token", authToken,
            "--app-id", appID, "--template-id", templateID,
            "--reply-status", replyStatus, "--reply-message", replyMessage, "--http-status", String(httpStatus),
        ])
        guard let port = Int(process.readyInfo) else {
            process.terminate()
            throw SinkError("fake_yuntongxun.py printed READY without a port: '\(process.readyInfo)'")
        }
        return FakeYuntongxunServer(port: port, log: log, process: process)
    }

    /// Client settings for this fake; `authToken` can be overridden to play a misconfigured shop.
    func config(authToken: String = FakeYuntongxunServer.authToken) -> YuntongxunConfig {
        YuntongxunConfig(baseURL: "http://127.0.0.1:\(port)", accountSID: Self.accountSID, authToken: authToken,
                         appID: Self.appID, templateID: Self.templateID)
    }

    /// Requests received so far, in arrival order.
    func received() throws -> [Received] {
        guard FileManager.default.fileExists(atPath: log.path) else { return [] }
        return try String(contentsOf: log, encoding: .utf8)
            .split(separator: "\n")
            .map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    func stop() {
        process.terminate()
        try? FileManager.default.removeItem(at: log)
    }
}
