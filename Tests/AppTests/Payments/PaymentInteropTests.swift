import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// Our RSA2 signing against the independent python-alipay-sdk (Tests/Support/alipay_sdk_interop.py).
@Suite(.heavy, .timeLimit(.minutes(10))) struct PaymentInteropTests {
    static func alipayURLParameters(_ client: any TestClientProtocol, _ paying: AlipayOrder) async throws -> [String: String] {
        let response = try await client.send(.get, "/orders/\(paying.id)/payment/", token: paying.shopper.token)
        return try PaymentURLTests.parameters(try #require(response.object["alipay_url"] as? String))
    }

    @Test func sdkMakesTheSameSignatureForOurPaymentURL() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let params = try await Self.alipayURLParameters(client, paying)
            // act
            let sdkSignature = try await AlipaySDK.requestSignature(params)
            // check: PKCS#1 v1.5 is deterministic, so the same text and key give the same bytes
            #expect(sdkSignature == params["sign"])
        }
    }

    @Test func sdkVerifiesOurPaymentURLWithTheAppPublicKey() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let params = try await Self.alipayURLParameters(client, paying)
            // act
            let valid = try await AlipaySDK.verifiesRequest(params)
            // check
            #expect(valid)
        }
    }

    @Test func sdkRefusesOurPaymentURLOnceAltered() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            var params = try await Self.alipayURLParameters(client, paying)
            params["biz_content"] = params["biz_content"]?.replacingOccurrences(of: paying.amount, with: "0.01")
            // act
            let valid = try await AlipaySDK.verifiesRequest(params)
            // check
            #expect(!valid)
        }
    }

    @Test func sdkAcceptsNotificationsSignedTheWayOurTestsPlayAlipay() async throws {
        // setup
        let params = AlipaySimulator.signed(AlipaySimulator.notifyFields(orderID: "20240501120000000000001123", amount: "3798.00", tradeNo: "T1"))
        // act
        let valid = try await AlipaySDK.verifiesNotification(params)
        // check
        #expect(valid)
    }

    @Test func notificationSignedBySDKPaysTheOrder() async throws {
        try await withAlipayApp { client, env in
            // setup: the SDK signs with "Alipay's" key and Python urlencodes the body (spaces as +)
            let paying = try await env.alipayOrder()
            let fields = AlipaySimulator.notifyFields(orderID: paying.id, amount: paying.amount, tradeNo: "2024050122001400001000000555")
            let (_, form) = try await AlipaySDK.signNotification(fields)
            // act
            let response = try await client.sendForm(.post, "/payment/alipay/notify/", form: form)
            // check
            #expect(response.text == "success")
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
        }
    }

    @Test func returnSignedBySDKPaysTheOrder() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let fields = AlipaySimulator.returnFields(orderID: paying.id, amount: paying.amount, tradeNo: "2024050122001400001000000556")
            let (_, query) = try await AlipaySDK.signNotification(fields)
            // act
            let response = try await client.send(.put, "/payment/status/?" + query)
            // check
            #expect(response.object["trade_id"] as? String == "2024050122001400001000000556")
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
        }
    }

    @Test func sdkSignedNotificationWithAnAlteredAmountIsRefused() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let fields = AlipaySimulator.notifyFields(orderID: paying.id, amount: "0.01", tradeNo: "T9")
            let (_, form) = try await AlipaySDK.signNotification(fields)
            // act
            let response = try await client.sendForm(.post, "/payment/alipay/notify/",
                                                     form: form.replacingOccurrences(of: "total_amount=0.01", with: "total_amount=\(paying.amount)"))
            // check
            #expect(response.text == "failure")
            #expect(try await env.order(paying.id).status == OrderStatus.unpaid.rawValue)
        }
    }

    /// End to end: order → URL (checked by the SDK) → SDK-signed notifications and our simulator's
    /// returns, twice each and all at once → paid once with one Payment.
    @Test func endToEndOrderPaidOnceWhateverArrives() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let urlParams = try await Self.alipayURLParameters(client, paying)
            let tradeNo = "2024050122001400001000000999"
            let (_, notifyForm) = try await AlipaySDK.signNotification(AlipaySimulator.notifyFields(orderID: paying.id, amount: paying.amount, tradeNo: tradeNo))
            let returned = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: paying.amount, tradeNo: tradeNo))
            // act
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<4 {
                    group.addTask {
                        i % 2 == 0 ? try await client.sendForm(.post, "/payment/alipay/notify/", form: notifyForm).text
                            : (try await client.deliverReturn(returned).object["trade_id"] as? String ?? "refused")
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            // check
            #expect(try await AlipaySDK.verifiesRequest(urlParams))
            #expect(answers.sorted() == [tradeNo, tradeNo, "success", "success"])
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
            #expect(try await env.payments(paying.id).map(\.tradeID) == [tradeNo])
        }
    }
}
