import _CryptoExtras
import Crypto
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import MeiduoRules
import NIOCore
@testable import App

/// Keys made by the tests (never stored): our merchant key, WeChat Pay's platform key, a forger's, an APIv3 key.
enum WeChatTestKeys {
    static let merchant = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let platform = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let forger = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let apiV3Key = RandomToken.hex(bytes: 16)
    static let mchID = "1900000109"
    static let appID = "wxd678efh567hg6787"
    static let merchantSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"
    static let platformSerial = "PUB_KEY_ID_0119000001092025061100000000"
    static let notifyURL = "http://api.meiduo.site/payment/wechat/notify/"

    static func config(baseURL: String = WeChatPayConfig.productionBaseURL, platformSerial: String? = platformSerial) -> WeChatPayConfig {
        WeChatPayConfig(mchID: mchID, appID: appID, merchantPrivateKey: merchant, merchantSerialNo: merchantSerial,
                        apiV3Key: Data(apiV3Key.utf8), platformPublicKey: platform.publicKey, platformSerialNo: platformSerial,
                        notifyURL: notifyURL, baseURL: baseURL)
    }
}

/// Plays WeChat Pay: a notification encrypted with the APIv3 key and signed with the platform key, as WeChat sends it.
struct WeChatNotification: Sendable {
    var headers: [String: String]
    var body: String

    static func transaction(orderID: String, total: Int64, transactionID: String = "4200002024050112345678901234",
                            state: String = "SUCCESS", mchID: String = WeChatTestKeys.mchID) -> [String: Any] {
        ["mchid": mchID, "appid": WeChatTestKeys.appID, "out_trade_no": orderID, "transaction_id": transactionID,
         "trade_type": "NATIVE", "trade_state": state, "trade_state_desc": "支付成功", "bank_type": "OTHERS",
         "success_time": "2024-05-01T12:00:00+08:00", "payer": ["openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"],
         "amount": ["total": total, "payer_total": total, "currency": "CNY", "payer_currency": "CNY"]]
    }

    /// Encrypts `transaction` and signs the body; `key`, `serial`, `timestamp` and `apiV3Key` may be wrong on purpose.
    static func make(_ transaction: [String: Any], key: _RSA.Signing.PrivateKey = WeChatTestKeys.platform,
                     serial: String = WeChatTestKeys.platformSerial, timestamp: Date = Date(),
                     apiV3Key: String = WeChatTestKeys.apiV3Key) -> WeChatNotification {
        let nonce = String(RandomToken.hex(bytes: 6))
        let plaintext = try! JSONSerialization.data(withJSONObject: transaction)
        let sealed = try! AES.GCM.seal(plaintext, using: SymmetricKey(data: Data(apiV3Key.utf8)),
                                       nonce: AES.GCM.Nonce(data: Data(nonce.utf8)), authenticating: Data("transaction".utf8))
        let resource = ["original_type": "transaction", "algorithm": "AEAD_AES_256_GCM", "associated_data": "transaction",
                        "nonce": nonce, "ciphertext": (sealed.ciphertext + sealed.tag).base64EncodedString()]
        let envelope: [String: Any] = ["id": "EV-2018022511223320873", "create_time": "2024-05-01T12:00:00+08:00",
                                       "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS",
                                       "summary": "支付成功", "resource": resource]
        let body = String(decoding: try! JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys]), as: UTF8.self)
        return signed(body, key: key, serial: serial, timestamp: timestamp)
    }

    /// `body` with fresh `Wechatpay-*` headers signed by `key`.
    static func signed(_ body: String, key: _RSA.Signing.PrivateKey = WeChatTestKeys.platform,
                       serial: String = WeChatTestKeys.platformSerial, timestamp: Date = Date()) -> WeChatNotification {
        let ts = WeChatPaySigning.timestamp(timestamp), nonce = RandomToken.hex(bytes: 16)
        let message = WeChatPaySigning.responseMessage(timestamp: ts, nonce: nonce, body: body)
        let signature = try! key.signature(for: Data(message.utf8), padding: .insecurePKCS1v1_5).rawRepresentation.base64EncodedString()
        return WeChatNotification(headers: ["Wechatpay-Timestamp": ts, "Wechatpay-Nonce": nonce, "Wechatpay-Signature": signature,
                                            "Wechatpay-Serial": serial, "Wechatpay-Signature-Type": WeChatPaySigning.scheme], body: body)
    }
}

/// A shopper with one unpaid WeChat Pay order of SKU 1 ×2 (stock 5 before ordering).
struct WeChatOrder: Sendable {
    let shopper: Shopper
    let order: OrderInfo
    var id: String { order.id! }
    var total: Int64 { order.totalAmount }
}

extension TestEnvironment {
    func wechatOrder(_ username: String = "buyer0001", mobile: String = "13812340000") async throws -> WeChatOrder {
        try await loadMeiduoSample()
        try await setStock(1, 5)
        let shopper = try await shopper(username, mobile: mobile)
        try await putInCart(shopper, skuID: 1, count: 2)
        return WeChatOrder(shopper: shopper, order: try await placeOrder(shopper, payMethod: .wechat))
    }

    /// Unpaid, no payment recorded, stock still taken (5 − 2): nothing changed since the order was placed.
    func untouched(_ paying: WeChatOrder) async throws -> Bool {
        let status = try await order(paying.id).status
        let payments = try await payments(paying.id)
        let stock = try await sku(1).stock
        return status == OrderStatus.unpaid.rawValue && payments.isEmpty && stock == 3
    }
}

/// `withApp` with WeChat Pay configured for the test keys (and `baseURL`, e.g. a local fake).
func withWeChatApp(baseURL: String = WeChatPayConfig.productionBaseURL, platformSerial: String? = WeChatTestKeys.platformSerial,
                   _ body: @Sendable (any TestClientProtocol, TestEnvironment) async throws -> Void) async throws {
    try await withApp({ $0.wechatPay = WeChatTestKeys.config(baseURL: baseURL, platformSerial: platformSerial) }, body)
}

extension TestClientProtocol {
    /// WeChat Pay posting its notification to `path`.
    func deliverWeChat(_ notification: WeChatNotification, path: String = "/payment/wechat/notify/") async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        for (name, value) in notification.headers { headers[HTTPField.Name(name)!] = value }
        return try await execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: notification.body))
    }
}
