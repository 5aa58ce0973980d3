import _CryptoExtras
import AsyncHTTPClient
import Foundation
import NIOCore
@testable import App

private let supportFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Payments
    .deletingLastPathComponent()  // AppTests
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("Support")

/// A running Tests/Support/fake_wechatpay.py: checks our signed Native order requests with the merchant's
/// public key, answers signed with the platform key, and builds notifications as WeChat Pay sends them.
final class FakeWeChatPay: @unchecked Sendable {
    struct Received: Decodable {
        var path: String
        var body: String
        var code: String

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    let baseURL: String
    private let folder: URL
    private let process: PythonProcess

    private init(baseURL: String, folder: URL, process: PythonProcess) {
        self.baseURL = baseURL
        self.folder = folder
        self.process = process
    }

    /// Starts the fake; `merchantKey` is the key whose public half it checks our signatures with.
    static func start(tamper: Bool = false, merchantKey: _RSA.Signing.PrivateKey = WeChatTestKeys.merchant) async throws -> FakeWeChatPay {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-wechatpay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try merchantKey.publicKey.pemRepresentation.write(to: folder.appendingPathComponent("merchant_public.pem"), atomically: true, encoding: .utf8)
        try WeChatTestKeys.platform.pemRepresentation.write(to: folder.appendingPathComponent("platform_private.pem"), atomically: true, encoding: .utf8)
        let process = try await PythonProcess.start(script: supportFolder.appendingPathComponent("fake_wechatpay.py"), arguments: [
            "--out", folder.appendingPathComponent("log.jsonl").path, "--mch-id", WeChatTestKeys.mchID, "--app-id", WeChatTestKeys.appID,
            "--merchant-serial", WeChatTestKeys.merchantSerial,
            "--merchant-public-key", folder.appendingPathComponent("merchant_public.pem").path,
            "--platform-private-key", folder.appendingPathComponent("platform_private.pem").path,
            "--platform-serial", WeChatTestKeys.platformSerial, "--api-v3-key", WeChatTestKeys.apiV3Key,
        ] + (tamper ? ["--tamper"] : []))
        return FakeWeChatPay(baseURL: "http://127.0.0.1:\(process.readyInfo)", folder: folder, process: process)
    }

    /// The requests the fake received, oldest first.
    func received() throws -> [Received] {
        let log = folder.appendingPathComponent("log.jsonl")
        guard FileManager.default.fileExists(atPath: log.path) else { return [] }
        return try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    /// The notification WeChat Pay would send for a paid Native order it knows, and the URL it would go to.
    func notification(orderID: String, transactionID: String, state: String = "SUCCESS") async throws -> (url: String, notification: WeChatNotification) {
        try await notice("/_test/notification", ["out_trade_no": orderID, "transaction_id": transactionID, "trade_state": state])
    }

    /// The REFUND.<status> notice WeChat Pay would send for a refund it took (`refund`: another amount, to lie).
    func refundNotification(outRefundNo: String, status: String = "SUCCESS", refund: Int64? = nil) async throws -> (url: String, notification: WeChatNotification) {
        var ask: [String: Any] = ["out_refund_no": outRefundNo, "refund_status": status]
        if let refund { ask["refund"] = refund }
        return try await notice("/_test/refund_notification", ask)
    }

    /// While held, refunds stay PROCESSING when asked about: only the notification finishes them.
    func holdRefunds(_ hold: Bool) async throws {
        _ = try await post("/_test/hold_refunds", ["hold": hold])
    }

    private func notice(_ path: String, _ ask: [String: Any]) async throws -> (url: String, notification: WeChatNotification) {
        let answer = try await post(path, ask)
        guard let url = answer["notify_url"] as? String, let headers = answer["headers"] as? [String: String], let text = answer["body"] as? String else {
            throw Failure(description: "fake_wechatpay.py \(path): \(answer)")
        }
        return (url, WeChatNotification(headers: headers, body: text))
    }

    private func post(_ path: String, _ ask: [String: Any]) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: ask)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok, let answer = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
            throw Failure(description: "fake_wechatpay.py \(path): \(response.status) \(String(buffer: body)) \(process.stderr)")
        }
        return answer
    }

    func stop() {
        process.terminate()
        try? FileManager.default.removeItem(at: folder)
    }
}
