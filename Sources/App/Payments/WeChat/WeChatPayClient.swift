import _CryptoExtras
import AsyncHTTPClient
import Crypto
import Foundation
import MeiduoRules
import NIOCore

/// Our own client for WeChat Pay API v3: every request carries a SHA256-RSA (PKCS#1 v1.5) signature
/// by the merchant key in `Authorization`; every answer and notification is believed only once its
/// `Wechatpay-*` headers check out with the platform public key.
public struct WeChatPayClient: Sendable {
    public static let nativePath = "/v3/pay/transactions/native"
    let config: WeChatPayConfig
    let httpClient: HTTPClient

    public init(config: WeChatPayConfig, httpClient: HTTPClient) {
        self.config = config
        self.httpClient = httpClient
    }

    /// The `Authorization` header of a request to `url` (absolute) with `body` ("" for a GET).
    public func authorization(method: String, url: String, body: String, timestamp: String = WeChatPaySigning.timestamp(ShopClock.system.now()),
                              nonce: String = RandomToken.hex(bytes: 16).uppercased()) throws -> String {
        guard let canonical = WeChatPaySigning.canonicalURL(url) else { throw WeChatPayClientError.malformedResponse("bad URL \(url)") }
        let message = WeChatPaySigning.requestMessage(method: method, canonicalURL: canonical, timestamp: timestamp, nonce: nonce, body: body)
        let signature = try config.merchantPrivateKey.signature(for: Data(message.utf8), padding: .insecurePKCS1v1_5)
        return WeChatPaySigning.authorization(mchID: config.mchID, nonce: nonce, signature: signature.rawRepresentation.base64EncodedString(),
                                              timestamp: timestamp, serialNo: config.merchantSerialNo)
    }

    /// Why an answer or notification's signature headers were not believed.
    public enum SignatureProblem: Error, Equatable, Sendable {
        case missingHeaders, wrongSerial, staleTimestamp, badSignature
    }

    /// Checks the `Wechatpay-*` headers of an answer or notification over its exact body: the serial
    /// (when configured), the timestamp within five minutes of `now`, then the RSA signature.
    public func verify(_ headers: WeChatPaySignatureHeaders, body: String, now: Date = ShopClock.system.now()) -> SignatureProblem? {
        guard let timestamp = headers.timestamp, let nonce = headers.nonce, let signature = headers.signature,
              let serial = headers.serial else { return .missingHeaders }
        if let expected = config.platformSerialNo, serial != expected { return .wrongSerial }
        guard WeChatPaySigning.isFresh(timestamp, now: now) else { return .staleTimestamp }
        guard let raw = Data(base64Encoded: signature) else { return .badSignature }
        let message = WeChatPaySigning.responseMessage(timestamp: timestamp, nonce: nonce, body: body)
        let valid = config.platformPublicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: raw), for: Data(message.utf8),
                                                               padding: .insecurePKCS1v1_5)
        return valid ? nil : .badSignature
    }

    /// The plaintext of a notification's `resource` (AEAD_AES_256_GCM with the APIv3 key); throws when
    /// it is not that algorithm or the tag does not check out (tampered, or another key).
    public func decrypt(_ resource: WeChatPayResource) throws -> Data {
        guard resource.algorithm == "AEAD_AES_256_GCM", let combined = Data(base64Encoded: resource.ciphertext), combined.count > 16 else {
            throw WeChatPayClientError.undecryptable
        }
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: Data(resource.nonce.utf8)),
                                            ciphertext: combined.dropLast(16), tag: combined.suffix(16))
            return try AES.GCM.open(box, using: SymmetricKey(data: config.apiV3Key), authenticating: Data((resource.associated_data ?? "").utf8))
        } catch {
            throw WeChatPayClientError.undecryptable
        }
    }

    struct NativeOrder: Encodable {
        struct Amount: Encodable { var total: Int64; var currency = "CNY" }
        var appid, mchid, description, out_trade_no, notify_url: String
        var amount: Amount
    }

    /// `POST /v3/pay/transactions/native`: the `code_url` the front end draws as a QR code.
    public func nativeCodeURL(orderID: String, amountCents: Int64, description: String) async throws -> String {
        let order = NativeOrder(appid: config.appID, mchid: config.mchID, description: description, out_trade_no: orderID,
                                notify_url: config.notifyURL, amount: .init(total: amountCents))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = String(decoding: try encoder.encode(order), as: UTF8.self)
        let answer = try await sendVerified("POST", path: Self.nativePath, body: body)
        struct Reply: Decodable { var code_url: String }
        guard let reply = try? JSONDecoder().decode(Reply.self, from: Data(answer.utf8)), !reply.code_url.isEmpty else {
            throw WeChatPayClientError.malformedResponse(answer)
        }
        return reply.code_url
    }

    /// Sends one signed request and returns the body of a 200 answer whose signature checks out; a refusal or an
    /// unbelievable answer throws.
    func sendVerified(_ method: String, path: String, body: String) async throws -> String {
        let (status, headers, answer) = try await send(method, path: path, body: body)
        guard status == 200 else { throw Self.rejection(status: status, body: answer) }
        if let problem = verify(headers, body: answer) { throw WeChatPayClientError.badResponseSignature(problem) }
        return answer
    }

    /// Sends one signed JSON request and returns the status, the signature headers and the body.
    func send(_ method: String, path: String, body: String) async throws -> (UInt, WeChatPaySignatureHeaders, String) {
        let url = config.baseURL + path
        var request = HTTPClientRequest(url: url)
        request.method = .RAW(value: method)
        request.headers.add(name: "Authorization", value: try authorization(method: method, url: url, body: body))
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "meiduo-wechatpay-apiv3/1.0")
        if !body.isEmpty { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await httpClient.execute(request, timeout: .seconds(15))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        let headers = WeChatPaySignatureHeaders { response.headers.first(name: $0) }
        return (response.status.code, headers, text)
    }

    static func rejection(status: UInt, body: String) -> WeChatPayClientError {
        struct Failure: Decodable { var code: String?; var message: String? }
        let failure = try? JSONDecoder().decode(Failure.self, from: Data(body.utf8))
        return .rejected(status: status, code: failure?.code, message: failure?.message ?? String(body.prefix(300)))
    }
}

/// The four `Wechatpay-*` headers an answer or notification is signed with.
public struct WeChatPaySignatureHeaders: Sendable {
    public var timestamp, nonce, signature, serial: String?

    public init(timestamp: String?, nonce: String?, signature: String?, serial: String?) {
        (self.timestamp, self.nonce, self.signature, self.serial) = (timestamp, nonce, signature, serial)
    }

    /// Reads the headers through `lookup` (a header name to its first value).
    public init(_ lookup: (String) -> String?) {
        self.init(timestamp: lookup("Wechatpay-Timestamp"), nonce: lookup("Wechatpay-Nonce"),
                  signature: lookup("Wechatpay-Signature"), serial: lookup("Wechatpay-Serial"))
    }
}

/// The encrypted `resource` of a notification.
public struct WeChatPayResource: Codable, Sendable {
    public var algorithm: String
    public var ciphertext: String
    public var nonce: String
    public var associated_data: String?
    public var original_type: String?
}

public enum WeChatPayClientError: Error, CustomStringConvertible {
    case rejected(status: UInt, code: String?, message: String)
    case malformedResponse(String)
    case badResponseSignature(WeChatPayClient.SignatureProblem)
    case undecryptable

    public var description: String {
        switch self {
        case .rejected(let status, let code, let message): return "WeChat Pay refused (HTTP \(status)): \(code ?? "") \(message)"
        case .malformedResponse(let body): return "WeChat Pay answer not understood: \(body.prefix(300))"
        case .badResponseSignature(let problem): return "WeChat Pay answer failed signature verification: \(problem)"
        case .undecryptable: return "WeChat Pay resource could not be decrypted"
        }
    }
}
