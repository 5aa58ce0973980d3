import _CryptoExtras
import Foundation
import MeiduoRules
import Testing
@testable import App

@Suite struct PaymentURLTests {
    /// The query parameters of an `alipay_url`.
    static func parameters(_ url: String) throws -> [String: String] {
        let query = try #require(url.split(separator: "?", maxSplits: 1).last)
        return try #require(FormURLEncoding.decode(String(query)))
    }

    @Test func unconfiguredShopAnswers503() async throws {
        try await withApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/payment/", token: paying.shopper.token)
            // check
            #expect(response.status == .serviceUnavailable)
            #expect(response.object["message"] as? String == "支付服务未配置")
        }
    }

    @Test func urlIsASignedPagePayRequestOnTheGateway() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/payment/", token: paying.shopper.token)
            // check
            #expect(response.status == .created)
            let url = try #require(response.object["alipay_url"] as? String)
            #expect(url.hasPrefix("https://openapi-sandbox.dl.alipaydev.com/gateway.do?"))
            let params = try Self.parameters(url)
            #expect(params["app_id"] == AlipayTestKeys.appID)
            #expect(params["method"] == "alipay.trade.page.pay")
            #expect(params["format"] == "JSON" && params["charset"] == "utf-8" && params["sign_type"] == "RSA2" && params["version"] == "1.0")
            #expect(params["return_url"] == "http://www.meiduo.site:8080/pay_success.html")
            #expect(params["notify_url"] == "http://api.meiduo.site/payment/alipay/notify/")
            let content = AlipaySigning.content(params, excluding: AlipaySigning.requestExcluded)
            let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(Data(base64Encoded: params["sign"] ?? "")))
            #expect(AlipayTestKeys.app.publicKey.isValidSignature(signature, for: Data(content.utf8), padding: .insecurePKCS1v1_5))
        }
    }

    @Test func bizContentNamesTheOrderItsAmountAndSubject() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/payment/", token: paying.shopper.token)
            // check
            let params = try Self.parameters(try #require(response.object["alipay_url"] as? String))
            let biz = try #require(try JSONSerialization.jsonObject(with: Data((params["biz_content"] ?? "").utf8)) as? [String: String])
            #expect(biz == ["out_trade_no": paying.id, "total_amount": paying.amount,
                            "subject": "美多商城\(paying.id)", "product_code": "FAST_INSTANT_TRADE_PAY"])
            #expect(paying.amount == Money.format(cents: paying.order.totalAmount) && paying.amount.hasSuffix(".00"))
        }
    }

    @Test func timestampIsCurrentChinaTime() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let before = AlipaySigning.timestamp(Date())
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/payment/", token: paying.shopper.token)
            // check
            let url = try #require(response.object["alipay_url"] as? String)
            let stamp = try #require(try Self.parameters(url)["timestamp"])
            #expect(stamp >= before && stamp <= AlipaySigning.timestamp(Date()))
        }
    }

    @Test func anotherUsersOrderIsRefused() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let other = try await env.shopper("buyer0002", mobile: "13812340002")
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/payment/", token: other.token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] as? String == "订单信息有误")
        }
    }

    @Test func paidOrderIsRefused() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            _ = try await OrderLifecycle(services: env.services).markPaid(orderID: paying.id)
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/payment/", token: paying.shopper.token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] as? String == "订单信息有误")
        }
    }

    @Test func cashOnDeliveryOrderIsRefused() async throws {
        try await withAlipayApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            try await env.setStock(1, 5)
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 1)
            let order = try await env.placeOrder(shopper, payMethod: .cashOnDelivery)
            // act
            let response = try await client.send(.get, "/orders/\(order.id!)/payment/", token: shopper.token)
            // check
            #expect(response.status == .badRequest)
        }
    }

    @Test func anonymousIsAskedToLogIn() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/payment/")
            // check
            #expect(response.status == .unauthorized)
        }
    }
}
