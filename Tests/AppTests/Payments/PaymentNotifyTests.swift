import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// `POST /payment/alipay/notify/`: Alipay's asynchronous notification, answered `success` or `failure`.
@Suite struct PaymentNotifyTests {
    static func fields(_ paying: AlipayOrder, amount: String? = nil, status: String = "TRADE_SUCCESS", appID: String = AlipayTestKeys.appID) -> [String: String] {
        AlipaySimulator.notifyFields(orderID: paying.id, amount: amount ?? paying.amount, tradeNo: "2024050122001400001000000001", status: status, appID: appID)
    }

    /// Delivers `params` and reports the answer plus whether the order and payments are as before.
    static func refused(_ params: [String: String], _ paying: AlipayOrder, _ client: any TestClientProtocol, _ env: TestEnvironment) async throws -> String {
        let response = try await client.deliverNotify(params)
        let status = try await env.order(paying.id).status
        let payments = try await env.payments(paying.id)
        return status == OrderStatus.unpaid.rawValue && payments.isEmpty ? response.text : "changed: \(response.text)"
    }

    @Test func validNotificationPaysTheOrderAndAnswersSuccess() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let response = try await client.deliverNotify(AlipaySimulator.signed(Self.fields(paying)))
            // check
            #expect(response.status == .ok)
            #expect(response.text == "success")
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
            #expect(try await env.payments(paying.id).map(\.tradeID) == ["2024050122001400001000000001"])
        }
    }

    @Test func tradeFinishedAlsoPays() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let response = try await client.deliverNotify(AlipaySimulator.signed(Self.fields(paying, status: "TRADE_FINISHED")))
            // check
            #expect(response.text == "success")
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
        }
    }

    @Test func forgedSignatureAnswersFailure() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let answer = try await Self.refused(AlipaySimulator.signed(Self.fields(paying), by: AlipayTestKeys.forger), paying, client, env)
            // check
            #expect(answer == "failure")
        }
    }

    @Test func wrongAmountAnswersFailure() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let answer = try await Self.refused(AlipaySimulator.signed(Self.fields(paying, amount: "0.01")), paying, client, env)
            // check
            #expect(answer == "failure")
        }
    }

    @Test func unknownOrderAnswersFailure() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            var fields = Self.fields(paying)
            fields["out_trade_no"] = "20240101000000000000001999"
            // act
            let answer = try await Self.refused(AlipaySimulator.signed(fields), paying, client, env)
            // check
            #expect(answer == "failure")
        }
    }

    @Test func wrongAppIDAnswersFailure() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let answer = try await Self.refused(AlipaySimulator.signed(Self.fields(paying, appID: "2021999999999999")), paying, client, env)
            // check
            #expect(answer == "failure")
        }
    }

    @Test func unpaidTradeStatusAnswersFailure() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let answer = try await Self.refused(AlipaySimulator.signed(Self.fields(paying, status: "WAIT_BUYER_PAY")), paying, client, env)
            // check
            #expect(answer == "failure")
        }
    }

    @Test func unconfiguredShopAnswersFailure() async throws {
        try await withApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            // act
            let answer = try await Self.refused(AlipaySimulator.signed(Self.fields(paying)), paying, client, env)
            // check
            #expect(answer == "failure")
        }
    }

    @Test func notificationForATimedOutOrderIsRecordedForRefund() async throws {
        try await withAlipayApp { client, env in
            // setup: the order timed out (stock back) before the buyer's money arrived
            let paying = try await env.alipayOrder()
            try await OrderLifecycle(services: env.services).cancel(orderID: paying.id)
            // act
            let response = try await client.deliverNotify(AlipaySimulator.signed(Self.fields(paying)))
            // check
            #expect(response.text == "success")
            #expect(try await env.order(paying.id).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.sku(1).stock == 5)
            #expect(try await env.payments(paying.id).map(\.status) == ["refund_required"])
            #expect(try await env.jobCount(kind: PaymentRecorder.refundJob) == 1)
        }
    }
}
