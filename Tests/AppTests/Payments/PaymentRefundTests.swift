import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// `PUT /orders/<id>/refund/` (staff) and the refund job, with `alipay.trade.refund` on the fake gateway.
@Suite(.heavy, .timeLimit(.minutes(10))) struct PaymentRefundTests {
    static let tradeNo = "2024050122001400001000000654"

    /// A paid Alipay order (paid through a notification), the fake gateway knowing its trade, and a staff token.
    static func withPaidOrder(gateway: String? = nil,
                              _ body: @Sendable (any TestClientProtocol, TestEnvironment, AlipayOrder, FakeAlipayGateway, String) async throws -> Void) async throws {
        let fake = try await FakeAlipayGateway.start()
        defer { fake.stop() }
        try await withAlipayApp(gateway: gateway ?? fake.url) { client, env in
            let paying = try await env.alipayOrder()
            try fake.setTrades(PaymentReconciliationTests.paid(paying).mapValues { $0.merging(["trade_no": tradeNo]) { $1 } })
            let notified = try await client.deliverNotify(notification(paying))
            guard notified.text == "success" else { throw AlipaySDK.Failure(description: "setup payment refused") }
            try await body(client, env, paying, fake, try await env.staffToken())
        }
    }

    static func notification(_ paying: AlipayOrder) -> [String: String] {
        AlipaySimulator.signed(AlipaySimulator.notifyFields(orderID: paying.id, amount: paying.amount, tradeNo: tradeNo))
    }

    @Test func staffRefundCancelsTheOrderAndGivesTheMoneyBack() async throws {
        try await Self.withPaidOrder { client, env, paying, fake, staff in
            // act
            let response = try await client.send(.put, "/orders/\(paying.id)/refund/", token: staff)
            // check
            #expect(response.status == .ok)
            #expect(response.object["status"] as? String == "refunded")
            #expect(response.object["refund_amount"] as? String == paying.amount)
            #expect(try await env.order(paying.id).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.sku(1).stock == 5)
            #expect(try await env.payments(paying.id).map(\.status) == ["refunded"])
            let refund = try #require(try fake.received().first { $0.method == "alipay.trade.refund" })
            #expect(refund.code == "10000")
            #expect(refund.biz?["refund_amount"] == paying.amount && refund.biz?["trade_no"] == Self.tradeNo)
        }
    }

    @Test func shopperCannotRefund() async throws {
        try await Self.withPaidOrder { client, env, paying, _, _ in
            // act
            let response = try await client.send(.put, "/orders/\(paying.id)/refund/", token: paying.shopper.token)
            // check
            #expect(response.status == .forbidden)
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
        }
    }

    @Test func secondRefundIsRefused() async throws {
        try await Self.withPaidOrder { client, env, paying, fake, staff in
            // setup
            try await client.send(.put, "/orders/\(paying.id)/refund/", token: staff)
            // act
            let again = try await client.send(.put, "/orders/\(paying.id)/refund/", token: staff)
            // check
            #expect(again.status == .badRequest)
            #expect(try fake.received().filter { $0.method == "alipay.trade.refund" }.count == 1)
            #expect(try await env.sku(1).stock == 5)
        }
    }

    @Test func unpaidOrderIsNotRefundable() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let staff = try await env.staffToken()
            // act
            let response = try await client.send(.put, "/orders/\(paying.id)/refund/", token: staff)
            // check
            #expect(response.status == .badRequest)
            #expect(try await env.order(paying.id).status == OrderStatus.unpaid.rawValue)
        }
    }

    @Test func replayedNotificationAndReturnAfterRefundChangeNothing() async throws {
        try await Self.withPaidOrder { client, env, paying, _, staff in
            // setup
            try await client.send(.put, "/orders/\(paying.id)/refund/", token: staff)
            let returned = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: paying.amount, tradeNo: Self.tradeNo))
            // act
            let notified = try await client.deliverNotify(Self.notification(paying))
            let back = try await client.deliverReturn(returned)
            // check
            #expect(notified.text == "success")
            #expect(back.status == .badRequest)
            #expect(try await env.order(paying.id).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.payments(paying.id).map(\.status) == ["refunded"])
            #expect(try await env.sku(1).stock == 5)
        }
    }

    @Test func unreachableGatewayLeavesTheRefundToTheJob() async throws {
        // setup: Alipay cannot be reached (nothing listens on port 9)
        try await Self.withPaidOrder(gateway: "http://127.0.0.1:9/gateway.do") { client, env, paying, _, staff in
            // act
            let response = try await client.send(.put, "/orders/\(paying.id)/refund/", token: staff)
            // check
            #expect(response.status == .ok)
            #expect(response.object["status"] as? String == "refund_required")
            #expect(try await env.order(paying.id).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.jobCount(kind: PaymentRecorder.refundJob) == 1)
        }
    }

    @Test func refundJobRefundsMoneyThatArrivedForATimedOutOrder() async throws {
        let fake = try await FakeAlipayGateway.start()
        defer { fake.stop() }
        try await withAlipayApp(gateway: fake.url) { client, env in
            // setup
            let paying = try await env.alipayOrder()
            try fake.setTrades(PaymentReconciliationTests.paid(paying).mapValues { $0.merging(["trade_no": Self.tradeNo]) { $1 } })
            try await OrderLifecycle(services: env.services).cancel(orderID: paying.id)
            _ = try await client.deliverNotify(Self.notification(paying))
            // act
            await env.runJobs()
            // check
            #expect(try await env.payments(paying.id).map(\.status) == ["refunded"])
            #expect(try fake.received().filter { $0.method == "alipay.trade.refund" }.map(\.code) == ["10000"])
        }
    }
}

extension PaymentRefundTests {
    @Test func aRefundGivesBackTheCouponAndCreditsAndTakesBackTheCreditsItEarned() async throws {
        let fake = try await FakeAlipayGateway.start()
        defer { fake.stop() }
        try await withAlipayApp(gateway: fake.url) { client, env in
            // setup: ¥100 of goods, a ¥10 coupon and 100 credits (¥10) spent; ¥90 paid by Alipay earns 90 credits
            let shopper = try await env.shopperWithSKU1(at: 100_00)
            let coupon = try await env.grantCoupon(to: shopper.userID)
            try await env.give(.credits, 500, to: shopper.userID)
            let placed = try await CheckoutAdjustmentTests.order(client, shopper, ["coupon": coupon, "credit": 100])
            let orderID = try #require(placed.object["order_id"] as? String, "\(placed.text)")
            let paid = try await env.order(orderID).payAmount
            try fake.setTrades([orderID: ["trade_no": Self.tradeNo, "total_amount": Money.format(cents: paid), "trade_status": "TRADE_SUCCESS"]])
            _ = try await client.deliverNotify(AlipaySimulator.signed(AlipaySimulator.notifyFields(orderID: orderID, amount: Money.format(cents: paid),
                                                                                                  tradeNo: Self.tradeNo)))
            let afterPayment = try await env.balance(.credits, of: shopper.userID)
            // act
            let refund = try await client.send(.put, "/orders/\(orderID)/refund/", token: try await env.staffToken())
            // check
            #expect(refund.status == .ok)
            #expect(afterPayment == 500 - 100 + paid / 100)
            #expect(try await env.balance(.credits, of: shopper.userID) == 500)
            #expect(try await env.couponStatus(coupon) == CouponRules.Status.unused.rawValue)
            #expect(try await env.ledgerBalances(.credits, of: shopper.userID))
        }
    }
}
