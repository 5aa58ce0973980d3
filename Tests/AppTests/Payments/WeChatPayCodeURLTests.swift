import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// `GET /orders/<order_id>/wechatpay/` → `{code_url}`, from a Native order on Tests/Support/fake_wechatpay.py.
@Suite(.heavy, .timeLimit(.minutes(10))) struct WeChatPayCodeURLTests {
    /// Runs `body` with a fake WeChat Pay and the app pointed at it, configured with `config`'s adjustments.
    static func withFake(tamper: Bool = false, adjust: @escaping @Sendable (inout WeChatPayConfig) -> Void = { _ in },
                         _ body: @Sendable (any TestClientProtocol, TestEnvironment, FakeWeChatPay) async throws -> Void) async throws {
        let fake = try await FakeWeChatPay.start(tamper: tamper)
        defer { fake.stop() }
        try await withApp({ config in
            var wechat = WeChatTestKeys.config(baseURL: fake.baseURL)
            adjust(&wechat)
            config.wechatPay = wechat
        }) { client, env in try await body(client, env, fake) }
    }

    @Test func postOrdersAcceptsPayMethod3AndTheOrderWaitsForPayment() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            try await env.setStock(1, 5)
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 2)
            // act
            let response = try await client.send(.post, "/orders/", json: ["address": shopper.addressID, "pay_method": 3], token: shopper.token)
            // check
            #expect(response.status == .created)
            let order = try await env.order(try #require(response.object["order_id"] as? String))
            #expect(order.payMethod == PayMethod.wechat.rawValue && order.status == OrderStatus.unpaid.rawValue)
        }
    }

    @Test func unconfiguredShopAnswers503() async throws {
        try await withApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/wechatpay/", token: paying.shopper.token)
            // check
            #expect(response.status == .serviceUnavailable)
            #expect(response.object["message"] as? String == "支付服务未配置")
        }
    }

    @Test func answersTheCodeURLWeChatPayGaveForASignedRequest() async throws {
        try await Self.withFake { client, env, fake in
            // setup
            let paying = try await env.wechatOrder()
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/wechatpay/", token: paying.shopper.token)
            // check
            #expect(response.status == .ok)
            #expect((response.object["code_url"] as? String)?.hasPrefix("weixin://wxpay/bizpayurl?pr=") == true)
            #expect(try fake.received().map(\.code) == ["OK"])
        }
    }

    @Test func requestBodyNamesTheOrderItsCentsAndTheNotifyURL() async throws {
        try await Self.withFake { client, env, fake in
            // setup
            let paying = try await env.wechatOrder()
            // act
            _ = try await client.send(.get, "/orders/\(paying.id)/wechatpay/", token: paying.shopper.token)
            // check
            let sent = try #require(try fake.received().first)
            #expect(sent.path == "/v3/pay/transactions/native")
            let body = sent.json
            #expect(body["appid"] as? String == WeChatTestKeys.appID && body["mchid"] as? String == WeChatTestKeys.mchID)
            #expect(body["out_trade_no"] as? String == paying.id && body["description"] as? String == "美多商城\(paying.id)")
            #expect(body["notify_url"] as? String == WeChatTestKeys.notifyURL)
            let amount = try #require(body["amount"] as? [String: Any])
            #expect((amount["total"] as? NSNumber)?.int64Value == paying.total && amount["currency"] as? String == "CNY")
            #expect(sent.body.contains("\"total\":\(paying.total)"))
        }
    }

    @Test func anAlipayOrderIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/wechatpay/", token: paying.shopper.token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] as? String == "订单信息有误")
        }
    }

    @Test func someoneElsesOrderIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            let (_, otherToken) = try await env.loggedInUser("other0001", mobile: "13912340000")
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/wechatpay/", token: otherToken)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] as? String == "订单信息有误")
        }
    }

    @Test func aPaidOrderIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            _ = try await OrderLifecycle(services: env.services).markPaid(orderID: paying.id)
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/wechatpay/", token: paying.shopper.token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] as? String == "订单信息有误")
        }
    }

    @Test func aRequestSignedWithAnotherKeyIsRefusedByWeChatPay() async throws {
        try await Self.withFake(adjust: { $0.merchantPrivateKey = WeChatTestKeys.forger }) { client, env, fake in
            // setup
            let paying = try await env.wechatOrder()
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/wechatpay/", token: paying.shopper.token)
            // check
            #expect(response.status == .badGateway)
            #expect(response.object["code_url"] == nil)
            #expect(try fake.received().map(\.code) == ["SIGN_ERROR"])
        }
    }

    @Test func anAnswerAlteredAfterSigningIsNotPassedOn() async throws {
        try await Self.withFake(tamper: true) { client, env, _ in
            // setup
            let paying = try await env.wechatOrder()
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/wechatpay/", token: paying.shopper.token)
            // check
            #expect(response.status == .badGateway)
            #expect(response.object["code_url"] == nil)
        }
    }

    @Test func anAnswerFromAnotherPlatformSerialIsNotPassedOn() async throws {
        try await Self.withFake(adjust: { $0.platformSerialNo = "PUB_KEY_ID_OTHER" }) { client, env, _ in
            // setup
            let paying = try await env.wechatOrder()
            // act
            let response = try await client.send(.get, "/orders/\(paying.id)/wechatpay/", token: paying.shopper.token)
            // check
            #expect(response.status == .badGateway)
        }
    }
}
