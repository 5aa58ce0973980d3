import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// WeChat Pay refunds of orders (staff `PUT /orders/<id>/refund/`, the refund notification) and reconciliation by
/// 查询订单, against Tests/Support/fake_wechatpay.py: it checks every signed request, takes refunds as PROCESSING and
/// builds the REFUND.SUCCESS notice as WeChat Pay sends it (encrypted with the APIv3 key, signed by the platform).
@Suite(.heavy, .timeLimit(.minutes(10))) struct WeChatPayRefundTests {
    static let transactionID = WeChatPayEndToEndTests.transactionID

    /// A WeChat-paid order (the fake notified and the notification delivered), with a staff token.
    static func withPaidOrder(_ body: @Sendable (any TestClientProtocol, TestEnvironment, WeChatOrder, FakeWeChatPay, String) async throws -> Void) async throws {
        try await WeChatPayEndToEndTests.withPaidThroughFake { client, env, paying, fake in
            let (url, notification) = try await fake.notification(orderID: paying.id, transactionID: Self.transactionID)
            let paid = try await client.deliverWeChat(notification, path: try WeChatPayEndToEndTests.path(url))
            try #require(paid.status == .ok)
            try await body(client, env, paying, fake, try await env.staffToken())
        }
    }

    @Test func staffRefundOfAWeChatOrderCancelsItAndGivesTheMoneyBack() async throws {
        try await Self.withPaidOrder { client, env, paying, fake, staff in
            // act
            let response = try await client.send(.put, "/orders/\(paying.id)/refund/", token: staff)
            // check: WeChat took it as PROCESSING, and asked again said SUCCESS
            #expect(response.status == .ok && response.object["status"] as? String == "refunded")
            #expect(response.object["refund_amount"] as? String == Money.format(cents: paying.total))
            #expect(try await env.order(paying.id).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.sku(1).stock == 5)
            #expect(try await env.payments(paying.id).map(\.status) == ["refunded"])
            #expect(try fake.received().filter { $0.path.hasPrefix(WeChatPayClient.refundPath) }.map(\.code) == ["OK", "OK"])
        }
    }

    @Test func aRefundWeChatIsStillProcessingIsFinishedByItsNotificationOnce() async throws {
        try await Self.withPaidOrder { client, env, paying, fake, staff in
            // setup: WeChat keeps the refund PROCESSING
            try await fake.holdRefunds(true)
            let refund = try await client.send(.put, "/orders/\(paying.id)/refund/", token: staff)
            let (url, notice) = try await fake.refundNotification(outRefundNo: "refund-\(Self.transactionID)")
            // act
            let first = try await client.deliverWeChat(notice, path: try WeChatPayEndToEndTests.path(url))
            let again = try await client.deliverWeChat(notice, path: try WeChatPayEndToEndTests.path(url))
            // check
            #expect(refund.object["status"] as? String == "refund_required")
            #expect([first.status, again.status] == [.ok, .ok] && first.object["code"] as? String == "SUCCESS")
            #expect(try await env.payments(paying.id).map(\.status) == ["refunded"])
            #expect(try await env.order(paying.id).status == OrderStatus.cancelled.rawValue)
        }
    }

    @Test func aRefundNoticeForAnotherAmountIsRefusedAndChangesNothing() async throws {
        try await Self.withPaidOrder { client, env, paying, fake, staff in
            // setup
            try await fake.holdRefunds(true)
            _ = try await client.send(.put, "/orders/\(paying.id)/refund/", token: staff)
            let (url, notice) = try await fake.refundNotification(outRefundNo: "refund-\(Self.transactionID)", refund: 1)
            // act
            let response = try await client.deliverWeChat(notice, path: try WeChatPayEndToEndTests.path(url))
            // check
            #expect(response.status == .badRequest && response.object["code"] as? String == "FAIL")
            #expect(try await env.payments(paying.id).map(\.status) == ["refund_required"])
        }
    }

    @Test func anAbnormalRefundIsAcknowledgedAndLeftWaitingForStaff() async throws {
        try await Self.withPaidOrder { client, env, paying, fake, staff in
            // setup
            try await fake.holdRefunds(true)
            _ = try await client.send(.put, "/orders/\(paying.id)/refund/", token: staff)
            let (url, notice) = try await fake.refundNotification(outRefundNo: "refund-\(Self.transactionID)", status: "ABNORMAL")
            // act
            let response = try await client.deliverWeChat(notice, path: try WeChatPayEndToEndTests.path(url))
            // check
            #expect(response.status == .ok)
            #expect(try await env.payments(paying.id).map(\.status) == ["refund_required"])
        }
    }

    @Test func reconciliationRecordsAPaymentWhoseNotificationNeverCame() async throws {
        try await WeChatPayEndToEndTests.withPaidThroughFake { _, env, paying, fake in
            // setup: WeChat has the order paid; its notification is lost
            _ = try await fake.notification(orderID: paying.id, transactionID: Self.transactionID)
            // act
            let found = try await WeChatPayments(services: env.services).reconcile(number: paying.id)
            let again = try await WeChatPayments(services: env.services).reconcile(number: paying.id)
            // check
            #expect(found == .recorded(.paid) && again == .skipped)
            #expect(try await WeChatPayEndToEndTests.paidOnce(env, paying))
            #expect(try fake.received().contains { $0.path.hasPrefix("/v3/pay/transactions/out-trade-no/\(paying.id)?mchid=") })
        }
    }

    @Test func reconciliationOfAnUnpaidOrderFindsItNotPaidAndTheScanQueuesIt() async throws {
        try await WeChatPayEndToEndTests.withPaidThroughFake { _, env, paying, _ in
            // setup
            let later = Date().addingTimeInterval(TradeReconciliation<WeChatPayments>.scanMinimumAge + 1)
            // act
            let found = try await WeChatPayments(services: env.services).reconcile(number: paying.id)
            let queued = try await TradeReconciliation(services: env.services, provider: try WeChatPayments(services: env.services)).enqueueAll(now: later)
            // check
            #expect(found == .notPaid("NOTPAY"))
            #expect(queued == 1)
            #expect(try await env.untouched(paying))
        }
    }
}
