import _CryptoExtras
import AsyncHTTPClient
import Foundation
import MeiduoRules
import NIOCore

/// Our own client for the Alipay open platform: RSA2 (SHA256withRSA, PKCS#1 v1.5) over the sorted
/// `k=v&…` string, signed with the app's private key; whatever Alipay sends back is verified with
/// Alipay's public key before anything trusts it.
public struct AlipayClient: Sendable {
    let config: AlipayConfig
    let httpClient: HTTPClient

    public init(config: AlipayConfig, httpClient: HTTPClient) {
        self.config = config
        self.httpClient = httpClient
    }

    /// The common parameters of a gateway request plus `extra`, with `sign`. The login methods
    /// (`alipay.system.oauth.token`, `alipay.user.info.share`) take theirs as common parameters and no `biz_content`.
    public func signedParameters(method: String, bizContent: [String: String]?, extra: [String: String?] = [:], now: Date = ShopClock.system.now()) throws -> [String: String] {
        var params = [
            "app_id": config.appID, "method": method, "format": "JSON", "charset": "utf-8", "sign_type": "RSA2",
            "timestamp": AlipaySigning.timestamp(now), "version": "1.0",
        ]
        if let bizContent { params["biz_content"] = try Self.json(bizContent) }
        for case let (key, value?) in extra where !value.isEmpty { params[key] = value }
        params["sign"] = try sign(AlipaySigning.content(params, excluding: AlipaySigning.requestExcluded))
        return params
    }

    /// Where to send the buyer: a signed `alipay.trade.page.pay` request on the gateway.
    public func pagePayURL(orderID: String, amountCents: Int64, subject: String, now: Date = ShopClock.system.now()) throws -> String {
        let params = try signedParameters(method: "alipay.trade.page.pay", bizContent: [
            "out_trade_no": orderID, "total_amount": Money.format(cents: amountCents),
            "subject": subject, "product_code": "FAST_INSTANT_TRADE_PAY",
        ], extra: ["return_url": config.returnURL, "notify_url": config.notifyURL], now: now)
        let query = FormURLEncoding.encode(params.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        return config.gateway + (config.gateway.contains("?") ? "&" : "?") + query
    }

    /// True when `params` (a return or a notification) carry a valid RSA2 signature by Alipay.
    public func isAuthentic(_ params: [String: String]) -> Bool {
        guard let sign = params["sign"], (params["sign_type"] ?? "RSA2") == "RSA2" else { return false }
        return verify(AlipaySigning.content(params, excluding: AlipaySigning.notificationExcluded), signature: sign)
    }

    func sign(_ content: String) throws -> String {
        try config.appPrivateKey.signature(for: Data(content.utf8), padding: .insecurePKCS1v1_5).rawRepresentation.base64EncodedString()
    }

    func verify(_ content: String, signature: String) -> Bool {
        guard let raw = Data(base64Encoded: signature.filter { !$0.isWhitespace }) else { return false }
        return config.alipayPublicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: raw), for: Data(content.utf8), padding: .insecurePKCS1v1_5)
    }

    static func json(_ object: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }
}

/// A gateway answer's `<method>_response` object, after its signature checked out.
public struct AlipayReply: Decodable, Sendable {
    public var code: String
    public var msg: String?
    public var sub_code: String?
    public var sub_msg: String?
    public var trade_no: String?
    public var out_trade_no: String?
    public var trade_status: String?
    public var total_amount: String?
    public var refund_fee: String?
    public var fund_change: String?
    /// Login: the buyer's ids and token (`alipay.system.oauth.token`) and profile (`alipay.user.info.share`).
    public var user_id: String?
    public var open_id: String?
    public var access_token: String?
    public var nick_name: String?
    public var avatar: String?

    public var isSuccess: Bool { code == "10000" }

    enum CodingKeys: String, CodingKey {
        case code, msg, sub_code, sub_msg, trade_no, out_trade_no, trade_status, total_amount, refund_fee, fund_change
        case user_id, open_id, access_token, nick_name, avatar
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? { try c.decodeIfPresent(String.self, forKey: key) }
        (msg, sub_code, sub_msg, trade_no, out_trade_no) = (try text(.msg), try text(.sub_code), try text(.sub_msg), try text(.trade_no), try text(.out_trade_no))
        (trade_status, total_amount, refund_fee, fund_change) = (try text(.trade_status), try text(.total_amount), try text(.refund_fee), try text(.fund_change))
        (user_id, open_id, access_token, nick_name, avatar) = (try text(.user_id), try text(.open_id), try text(.access_token), try text(.nick_name), try text(.avatar))
        // `alipay.system.oauth.token` answers a success without a code (its refusals come as `error_response`).
        guard let code = try text(.code) ?? (access_token == nil ? nil : "10000") else {
            throw DecodingError.keyNotFound(CodingKeys.code, .init(codingPath: c.codingPath, debugDescription: "no code"))
        }
        self.code = code
    }
}

public enum AlipayClientError: Error, CustomStringConvertible {
    case http(UInt)
    case malformedResponse(String)
    case badResponseSignature
    case rejected(code: String, subCode: String?, message: String?)

    public var description: String {
        switch self {
        case .http(let status): return "Alipay gateway answered HTTP \(status)"
        case .malformedResponse(let body): return "Alipay gateway answer not understood: \(body.prefix(300))"
        case .badResponseSignature: return "Alipay gateway answer failed signature verification"
        case .rejected(let code, let subCode, let message): return "Alipay refused: \(code) \(subCode ?? "") \(message ?? "")"
        }
    }
}

extension AlipayClient {
    /// Calls `method` on the gateway (a form POST) and returns its verified reply. A business refusal
    /// comes back as a reply with its code; an unsigned or badly signed success never does.
    public func call(method: String, bizContent: [String: String]?, extra: [String: String?] = [:]) async throws -> AlipayReply {
        let params = try signedParameters(method: method, bizContent: bizContent, extra: extra)
        var request = HTTPClientRequest(url: config.gateway)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded;charset=utf-8")
        request.body = .bytes(ByteBuffer(string: FormURLEncoding.encode(params.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })))
        let response = try await httpClient.execute(request, timeout: .seconds(15))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        guard response.status == .ok else { throw AlipayClientError.http(response.status.code) }
        return try verifiedReply(body, method: method)
    }

    func verifiedReply(_ body: String, method: String) throws -> AlipayReply {
        let key = AlipaySigning.responseKey(method: method)
        // Some methods (the login ones) answer a refusal as `error_response`: a refusal, whatever its signature.
        if AlipaySigning.signedResponseContent(body, responseKey: key) == nil,
           let content = AlipaySigning.signedResponseContent(body, responseKey: "error_response"),
           let refusal = try? JSONDecoder().decode(AlipayReply.self, from: Data(content.utf8)) {
            throw AlipayClientError.rejected(code: refusal.code, subCode: refusal.sub_code, message: refusal.sub_msg ?? refusal.msg)
        }
        guard let content = AlipaySigning.signedResponseContent(body, responseKey: key),
              let reply = try? JSONDecoder().decode(AlipayReply.self, from: Data(content.utf8)) else {
            throw AlipayClientError.malformedResponse(body)
        }
        let envelope = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
        guard let signature = envelope?["sign"] as? String, !signature.isEmpty else {
            // Alipay leaves some refusals (a bad request signature, say) unsigned: report, never trust.
            guard reply.isSuccess else { throw AlipayClientError.rejected(code: reply.code, subCode: reply.sub_code, message: reply.sub_msg ?? reply.msg) }
            throw AlipayClientError.badResponseSignature
        }
        guard verify(content, signature: signature) else { throw AlipayClientError.badResponseSignature }
        return reply
    }
}
