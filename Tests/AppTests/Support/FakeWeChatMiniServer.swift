import Foundation
@testable import App

/// A running Tests/Support/fake_wechat_mini.py: WeChat's code2session, refusing unknown or reused codes and any
/// other app id or secret than the registered ones, as WeChat does (errcode in a 200 answer).
final class FakeWeChatMiniServer {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AppTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Support/fake_wechat_mini.py")

    static let appID = "wx0123456789abcdef"
    static let appSecret = "mini-secret"

    let port: Int
    private let process: PythonProcess

    private init(port: Int, process: PythonProcess) {
        self.port = port
        self.process = process
    }

    /// - Parameter codes: codes `wx.login()` handed out, each to `openid` or `openid:unionid`; one use each.
    static func start(codes: [String: String] = [:]) async throws -> FakeWeChatMiniServer {
        let arguments = ["--app-id", appID, "--app-secret", appSecret] + codes.sorted { $0.key < $1.key }.flatMap { ["--code", "\($0.key)=\($0.value)"] }
        let process = try await PythonProcess.start(script: script, arguments: arguments)
        guard let port = Int(process.readyInfo) else {
            process.terminate()
            throw SinkError("fake_wechat_mini.py printed READY without a port: '\(process.readyInfo)'")
        }
        return FakeWeChatMiniServer(port: port, process: process)
    }

    func config(appSecret: String = FakeWeChatMiniServer.appSecret) -> WeChatMiniConfig {
        WeChatMiniConfig(appID: Self.appID, appSecret: appSecret, apiBaseURL: "http://127.0.0.1:\(port)")
    }

    func stop() {
        process.terminate()
    }
}
