import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore

/// 容联云通讯 (Yuntongxun) template SMS over its REST API:
/// `POST {base}/2013-12-26/Accounts/{sid}/SMS/TemplateSMS?sig=MD5(sid+token+timestamp)` with
/// `Authorization: base64(sid:timestamp)` and a JSON body `{to, appId, templateId, datas}`.
public struct YuntongxunSMSSender: SMSSender {
    let config: YuntongxunConfig
    let httpClient: HTTPClient

    public init(config: YuntongxunConfig, httpClient: HTTPClient) {
        self.config = config
        self.httpClient = httpClient
    }

    struct Body: Codable, Equatable {
        var to: String
        var appId: String
        var templateId: String
        var datas: [String]
    }

    struct Reply: Decodable {
        var statusCode: String
        var statusMsg: String?
    }

    public func sendVerificationCode(_ code: String, to mobile: String, validMinutes: Int) async throws {
        let timestamp = Self.timestamp(ShopClock.system.now())
        var request = HTTPClientRequest(url: Self.url(config: config, timestamp: timestamp))
        request.method = .POST
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Content-Type", value: "application/json;charset=utf-8")
        request.headers.add(name: "Authorization", value: Self.authorization(config: config, timestamp: timestamp))
        let body = Body(to: mobile, appId: config.appID, templateId: config.templateID, datas: [code, String(validMinutes)])
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(body)))
        let response = try await httpClient.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 16)
        guard response.status == .ok, let reply = try? JSONDecoder().decode(Reply.self, from: Data(buffer: bytes)) else {
            throw SMSError.rejected(status: "http \(response.status.code)", message: String(buffer: bytes))
        }
        guard reply.statusCode == "000000" else {
            throw SMSError.rejected(status: reply.statusCode, message: reply.statusMsg ?? "")
        }
    }

    static func url(config: YuntongxunConfig, timestamp: String) -> String {
        let sig = Insecure.MD5.hash(data: Data((config.accountSID + config.authToken + timestamp).utf8))
            .map { String(format: "%02X", $0) }.joined()
        let base = config.baseURL.hasSuffix("/") ? String(config.baseURL.dropLast()) : config.baseURL
        return "\(base)/2013-12-26/Accounts/\(config.accountSID)/SMS/TemplateSMS?sig=\(sig)"
    }

    static func authorization(config: YuntongxunConfig, timestamp: String) -> String {
        Data("\(config.accountSID):\(timestamp)".utf8).base64EncodedString()
    }

    /// yyyyMMddHHmmss in China time, as the API expects.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter.string(from: date)
    }
}

public enum SMSError: Error, CustomStringConvertible {
    case rejected(status: String, message: String)
    public var description: String {
        switch self {
        case .rejected(let status, let message): return "SMS provider refused: \(status) \(message)"
        }
    }
}
