import _CryptoExtras
import Foundation
@testable import App

private let supportFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Payments
    .deletingLastPathComponent()  // AppTests
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("Support")

/// Tests/Support/alipay_sdk_interop.py: the independent python-alipay-sdk signing and verifying.
enum AlipaySDK {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Runs one action; `appKey` is the key the SDK signs with, `publicKey` the one it verifies with.
    /// The child's pipes are read on a thread of its own, never on the cooperative pool.
    static func run(_ action: String, params: [String: String], appKey: _RSA.Signing.PrivateKey,
                    publicKey: _RSA.Signing.PublicKey, publicKeyField: String = "alipay_public_key") async throws -> [String: Any] {
        let request: [String: Any] = ["action": action, "params": params, "app_private_key": appKey.pemRepresentation,
                                      publicKeyField: publicKey.pemRepresentation]
        do {
            return try await PythonScript.run("alipay_sdk_interop.py", input: request)
        } catch let failure as PythonScript.Failure {
            throw Failure(description: "\(action): \(failure.description)")
        }
    }

    /// The SDK's signature of a request we built (signed by our app key).
    static func requestSignature(_ params: [String: String]) async throws -> String? {
        try await run("sign_request", params: params, appKey: AlipayTestKeys.app, publicKey: AlipayTestKeys.alipay.publicKey)["sign"] as? String
    }

    /// Whether the SDK accepts our request's signature with our app's public key.
    static func verifiesRequest(_ params: [String: String]) async throws -> Bool {
        try await run("verify_request", params: params, appKey: AlipayTestKeys.app, publicKey: AlipayTestKeys.app.publicKey,
                publicKeyField: "app_public_key")["valid"] as? Bool ?? false
    }

    /// Whether AliPay.verify accepts a return or notification, checked with Alipay's public key.
    static func verifiesNotification(_ params: [String: String]) async throws -> Bool {
        try await run("verify", params: params, appKey: AlipayTestKeys.app, publicKey: AlipayTestKeys.alipay.publicKey)["valid"] as? Bool ?? false
    }

    /// A notification signed by the SDK with Alipay's key: its signature and the urlencoded body Python makes.
    static func signNotification(_ fields: [String: String]) async throws -> (sign: String, form: String) {
        let answer = try await run("sign_notification", params: fields, appKey: AlipayTestKeys.alipay, publicKey: AlipayTestKeys.app.publicKey)
        return (answer["sign"] as? String ?? "", answer["form"] as? String ?? "")
    }
}

/// A running Tests/Support/fake_alipay_gateway.py that checks our request signatures and answers signed.
final class FakeAlipayGateway: @unchecked Sendable {
    struct Received: Decodable {
        var method: String
        var params: [String: String]
        var biz: [String: String]?
        var code: String
        var sub_code: String?
    }

    let url: String
    private let folder: URL
    private let process: PythonProcess

    private init(url: String, folder: URL, process: PythonProcess) {
        self.url = url
        self.folder = folder
        self.process = process
    }

    /// Starts the fake with `trades` (out_trade_no → trade_no, total_amount, trade_status).
    /// `authUsers`: authorisation codes → the buyer (user_id, nick_name) who gave them, for Alipay login.
    static func start(trades: [String: [String: String]] = [:], authUsers: [String: [String: String]] = [:], tamper: Bool = false,
                      appKey: _RSA.Signing.PrivateKey = AlipayTestKeys.app) async throws -> FakeAlipayGateway {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-alipay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try appKey.publicKey.pemRepresentation.write(to: folder.appendingPathComponent("app_public.pem"), atomically: true, encoding: .utf8)
        try AlipayTestKeys.alipay.pemRepresentation.write(to: folder.appendingPathComponent("alipay_private.pem"), atomically: true, encoding: .utf8)
        try JSONSerialization.data(withJSONObject: trades).write(to: folder.appendingPathComponent("trades.json"))
        try JSONSerialization.data(withJSONObject: authUsers).write(to: folder.appendingPathComponent("auth_users.json"))
        let process = try await PythonProcess.start(script: supportFolder.appendingPathComponent("fake_alipay_gateway.py"), arguments: [
            "--out", folder.appendingPathComponent("log.jsonl").path, "--app-id", AlipayTestKeys.appID,
            "--app-public-key", folder.appendingPathComponent("app_public.pem").path,
            "--alipay-private-key", folder.appendingPathComponent("alipay_private.pem").path,
            "--trades", folder.appendingPathComponent("trades.json").path,
            "--auth-users", folder.appendingPathComponent("auth_users.json").path,
        ] + (tamper ? ["--tamper"] : []))
        return FakeAlipayGateway(url: "http://127.0.0.1:\(process.readyInfo)/gateway.do", folder: folder, process: process)
    }

    /// Replaces the trades the fake knows (the buyer paid, say).
    func setTrades(_ trades: [String: [String: String]]) throws {
        try JSONSerialization.data(withJSONObject: trades).write(to: folder.appendingPathComponent("trades.json"), options: .atomic)
    }

    func received() throws -> [Received] {
        let log = folder.appendingPathComponent("log.jsonl")
        guard FileManager.default.fileExists(atPath: log.path) else { return [] }
        return try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    func stop() {
        process.terminate()
        try? FileManager.default.removeItem(at: folder)
    }
}
