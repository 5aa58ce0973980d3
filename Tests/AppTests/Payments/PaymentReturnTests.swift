import Foundation
import MeiduoRules
import Testing
@testable import App

/// `PUT /payment/status/?<Alipay's return>`: the synchronous return the front end forwards.
@Suite struct PaymentReturnTests {
    /// Order still unpaid and nothing recorded.
    static func unchanged(_ env: TestEnvironment, _ paying: AlipayOrder) async throws -> Bool {
        let status = try await env.order(paying.id).status
        let payments = try await env.payments(paying.id)
        return status == OrderStatus.unpaid.rawValue && payments.isEmpty
    }

    @Test func validReturnPaysTheOrderAndAnswersTheTradeNumber() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let params = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: paying.amount, tradeNo: "2019040222001439881000005802"))
            // act
            let response = try await client.deliverReturn(params)
            // check
            #expect(response.status == .ok)
            #expect(response.object["trade_id"] as? String == "2019040222001439881000005802")
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
            let payments = try await env.payments(paying.id)
            #expect(payments.map(\.tradeID) == ["2019040222001439881000005802"])
            #expect(payments.first?.amount == paying.order.totalAmount && payments.first?.provider == "alipay" && payments.first?.status == "paid")
        }
    }

    @Test func signatureByAnotherKeyIsRefused() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let params = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: paying.amount, tradeNo: "T1"), by: AlipayTestKeys.forger)
            // act
            let response = try await client.deliverReturn(params)
            // check
            #expect(response.status == .forbidden)
            #expect(response.object["message"] as? String == "非法请求")
            #expect(try await Self.unchanged(env, paying))
        }
    }

    @Test func amountAlteredAfterSigningIsRefused() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            var params = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: "0.01", tradeNo: "T1"))
            params["total_amount"] = paying.amount
            // act
            let response = try await client.deliverReturn(params)
            // check
            #expect(response.status == .forbidden)
            #expect(try await Self.unchanged(env, paying))
        }
    }

    @Test func signedReturnWithTheWrongAmountIsRefused() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let params = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: "0.01", tradeNo: "T1"))
            // act
            let response = try await client.deliverReturn(params)
            // check
            #expect(response.status == .forbidden)
            #expect(try await Self.unchanged(env, paying))
        }
    }

    @Test func returnForAnotherAppIsRefused() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let params = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: paying.amount, tradeNo: "T1", appID: "2021999999999999"))
            // act
            let response = try await client.deliverReturn(params)
            // check
            #expect(response.status == .forbidden)
            #expect(try await Self.unchanged(env, paying))
        }
    }

    @Test func returnForAnUnknownOrderIsRefused() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let params = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: "20240101000000000000001999", amount: paying.amount, tradeNo: "T1"))
            // act
            let response = try await client.deliverReturn(params)
            // check
            #expect(response.status == .forbidden)
            #expect(try await Self.unchanged(env, paying))
        }
    }

    @Test func refusedReturnQueuesAReconciliationOfTheOrder() async throws {
        try await withAlipayApp { client, env in
            // setup: the buyer is back but the return does not verify; Alipay will be asked instead
            let paying = try await env.alipayOrder()
            let params = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: paying.amount, tradeNo: "T1"), by: AlipayTestKeys.forger)
            // act
            _ = try await client.deliverReturn(params)
            _ = try await client.deliverReturn(params)
            // check
            #expect(try await env.jobCount(kind: AlipayPayments.reconcileJob) == 1)
        }
    }

    @Test func returnWithoutQueryIsRefused() async throws {
        try await withAlipayApp { client, env in
            // act
            let response = try await client.send(.put, "/payment/status/")
            // check
            #expect(response.status == .forbidden)
        }
    }

    @Test func unconfiguredShopAnswers503() async throws {
        try await withApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let params = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: paying.amount, tradeNo: "T1"))
            // act
            let response = try await client.deliverReturn(params)
            // check
            #expect(response.status == .serviceUnavailable)
            #expect(try await Self.unchanged(env, paying))
        }
    }

    @Test func returnForATimedOutOrderIsRecordedForRefund() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            try await OrderLifecycle(services: env.services).cancel(orderID: paying.id)
            let params = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: paying.amount, tradeNo: "T1"))
            // act
            let response = try await client.deliverReturn(params)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] as? String == "订单已取消，支付款项将原路退回")
            #expect(try await env.order(paying.id).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.payments(paying.id).map(\.status) == ["refund_required"])
        }
    }
}
