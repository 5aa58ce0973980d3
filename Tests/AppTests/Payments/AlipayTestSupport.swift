import _CryptoExtras
import Foundation
import HummingbirdTesting
import MeiduoRules
@testable import App

/// Key pairs made by the tests (never stored): one for our app, one playing Alipay.
enum AlipayTestKeys {
    static let app = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let alipay = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    /// Someone who is not Alipay, for forged signatures.
    static let forger = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let appID = "2021000000000001"

    static func config(gateway: String = AlipayConfig.sandboxGateway) -> AlipayConfig {
        AlipayConfig(appID: appID, appPrivateKey: app, alipayPublicKey: alipay.publicKey, gateway: gateway,
                     returnURL: "http://www.meiduo.site:8080/pay_success.html", notifyURL: "http://api.meiduo.site/payment/alipay/notify/")
    }
}

/// Plays Alipay: signs returns and notifications as Alipay does (sign_type and sign left out of the signed text).
enum AlipaySimulator {
    static func signed(_ params: [String: String], by key: _RSA.Signing.PrivateKey = AlipayTestKeys.alipay) -> [String: String] {
        var params = params
        params["sign_type"] = "RSA2"
        let content = AlipaySigning.content(params, excluding: AlipaySigning.notificationExcluded)
        params["sign"] = try! key.signature(for: Data(content.utf8), padding: .insecurePKCS1v1_5).rawRepresentation.base64EncodedString()
        return params
    }

    /// The synchronous return's fields (seed 002's example), before signing.
    static func returnFields(orderID: String, amount: String, tradeNo: String, appID: String = AlipayTestKeys.appID) -> [String: String] {
        ["charset": "utf-8", "out_trade_no": orderID, "method": "alipay.trade.page.pay.return", "total_amount": amount,
         "trade_no": tradeNo, "auth_app_id": appID, "version": "1.0", "app_id": appID, "seller_id": "2088102175868026",
         "timestamp": AlipaySigning.timestamp(Date())]
    }

    /// An asynchronous notification's fields, before signing.
    static func notifyFields(orderID: String, amount: String, tradeNo: String, status: String = "TRADE_SUCCESS",
                             appID: String = AlipayTestKeys.appID) -> [String: String] {
        ["notify_time": AlipaySigning.timestamp(Date()), "notify_type": "trade_status_sync", "notify_id": "ac05099524730693a8b330c5ecf72da9786",
                "app_id": appID, "charset": "utf-8", "version": "1.0", "trade_no": tradeNo, "out_trade_no": orderID,
                "trade_status": status, "total_amount": amount, "receipt_amount": amount, "buyer_pay_amount": amount,
                "subject": "美多商城\(orderID)", "gmt_create": AlipaySigning.timestamp(Date()), "gmt_payment": AlipaySigning.timestamp(Date()),
                "seller_id": "2088102175868026", "buyer_id": "2088102177846880",
                "fund_bill_list": "[{\"amount\":\"\(amount)\",\"fundChannel\":\"ALIPAYACCOUNT\"}]"]
    }

    static func encoded(_ params: [String: String]) -> String {
        FormURLEncoding.encode(params.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}

/// A shopper with one unpaid Alipay order of SKU 1 ×2 (stock 5 before ordering).
struct AlipayOrder: Sendable {
    let shopper: Shopper
    let order: OrderInfo
    var id: String { order.id! }
    var amount: String { Money.format(cents: order.totalAmount) }
}

extension TestEnvironment {
    func alipayOrder(_ username: String = "buyer0001", mobile: String = "13812340000", loadCatalog: Bool = true) async throws -> AlipayOrder {
        if loadCatalog {
            try await loadMeiduoSample()
            try await setStock(1, 5)
        }
        let shopper = try await shopper(username, mobile: mobile)
        try await putInCart(shopper, skuID: 1, count: 2)
        return AlipayOrder(shopper: shopper, order: try await placeOrder(shopper, payMethod: .alipay))
    }

    func payments(_ orderID: String) async throws -> [Payment] {
        try await PaymentRecorder(services: services).payments(orderID: orderID)
    }

    func jobCount(kind: String) async throws -> Int {
        try await services.sql().raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: kind)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func staffToken(_ username: String = "staff0001", mobile: String = "13899990000") async throws -> String {
        let staff = try await createUser(username, mobile: mobile)
        try await AccountService(services: services).setStaff(userID: staff.id!, true)
        return try await token(for: staff)
    }
}

/// `withApp` with Alipay configured for the test key pairs (and `gateway`, e.g. a local fake).
func withAlipayApp(gateway: String = AlipayConfig.sandboxGateway,
                   _ body: @Sendable (any TestClientProtocol, TestEnvironment) async throws -> Void) async throws {
    try await withApp({ $0.alipay = AlipayTestKeys.config(gateway: gateway) }, body)
}

extension TestClientProtocol {
    /// The front end forwarding Alipay's return query.
    func deliverReturn(_ params: [String: String]) async throws -> TestResponse {
        try await send(.put, "/payment/status/?" + AlipaySimulator.encoded(params))
    }

    /// Alipay posting its notification.
    func deliverNotify(_ params: [String: String]) async throws -> TestResponse {
        try await sendForm(.post, "/payment/alipay/notify/", form: AlipaySimulator.encoded(params))
    }
}
