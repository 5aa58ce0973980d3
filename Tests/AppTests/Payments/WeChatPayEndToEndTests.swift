import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// The whole WeChat Pay journey against Tests/Support/fake_wechatpay.py: place a pay_method 3 order, get its
/// `code_url`, then deliver the notification the fake builds (encrypted and signed with Python's `cryptography`)
/// to the notify URL the order was created with.
@Suite(.heavy, .timeLimit(.minutes(10))) struct WeChatPayEndToEndTests {
    static let transactionID = "4200002024050199999999999999"

    /// Runs `body` with the fake, the app pointed at it and a shopper whose order got its code_url over HTTP.
    static func withPaidThroughFake(_ body: @Sendable (any TestClientProtocol, TestEnvironment, WeChatOrder, FakeWeChatPay) async throws -> Void) async throws {
        let fake = try await FakeWeChatPay.start()
        defer { fake.stop() }
        try await withWeChatApp(baseURL: fake.baseURL) { client, env in
            try await env.loadMeiduoSample()
            try await env.setStock(1, 5)
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 2)
            let placed = try await client.send(.post, "/orders/", json: ["address": shopper.addressID, "pay_method": 3], token: shopper.token)
            let order = try await env.order(try #require(placed.object["order_id"] as? String))
            let qr = try await client.send(.get, "/orders/\(order.id!)/wechatpay/", token: shopper.token)
            try #require(qr.status == .ok && qr.object["code_url"] != nil)
            try await body(client, env, WeChatOrder(shopper: shopper, order: order), fake)
        }
    }

    /// The path WeChat Pay would POST to, from the notify_url the order was created with.
    static func path(_ url: String) throws -> String {
        try #require(URLComponents(string: url)?.path)
    }

    /// Paid once: 待发货, one payment of the transaction, stock taken once (5 − 2).
    static func paidOnce(_ env: TestEnvironment, _ paying: WeChatOrder) async throws -> Bool {
        let payments = try await env.payments(paying.id)
        let status = try await env.order(paying.id).status
        let stock = try await env.sku(1).stock
        return status == OrderStatus.unsent.rawValue && payments.map(\.tradeID) == [transactionID]
            && payments.map(\.status) == ["paid"] && payments.map(\.amount) == [paying.total] && stock == 3
    }

    @Test func notificationDeliveredTwicePaysOnce() async throws {
        try await Self.withPaidThroughFake { client, env, paying, fake in
            // setup
            let (url, notification) = try await fake.notification(orderID: paying.id, transactionID: Self.transactionID)
            // act
            let first = try await client.deliverWeChat(notification, path: try Self.path(url))
            let second = try await client.deliverWeChat(notification, path: try Self.path(url))
            // check
            #expect(url == WeChatTestKeys.notifyURL)
            #expect([first.status, second.status] == [.ok, .ok])
            #expect([first.object["code"] as? String, second.object["code"] as? String] == ["SUCCESS", "SUCCESS"])
            #expect(try await Self.paidOnce(env, paying))
        }
    }

    @Test func concurrentDeliveriesPayOnce() async throws {
        try await Self.withPaidThroughFake { client, env, paying, fake in
            // setup
            let (url, notification) = try await fake.notification(orderID: paying.id, transactionID: Self.transactionID)
            let path = try Self.path(url)
            // act: the same notification eight times at once
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await client.deliverWeChat(notification, path: path).object["code"] as? String ?? "?" }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            // check
            #expect(answers == Array(repeating: "SUCCESS", count: 8))
            #expect(try await Self.paidOnce(env, paying))
        }
    }

    @Test func anUnpaidTradeStateFromWeChatChangesNothing() async throws {
        try await Self.withPaidThroughFake { client, env, paying, fake in
            // setup
            let (url, notification) = try await fake.notification(orderID: paying.id, transactionID: Self.transactionID, state: "PAYERROR")
            // act
            let response = try await client.deliverWeChat(notification, path: try Self.path(url))
            // check
            #expect(response.status == .badRequest && response.object["code"] as? String == "FAIL")
            #expect(try await env.untouched(paying))
        }
    }

    @Test func notificationAfterCancelIsRecordedForRefund() async throws {
        try await Self.withPaidThroughFake { client, env, paying, fake in
            // setup: the order timed out (stock back) after the buyer scanned the code
            try await OrderLifecycle(services: env.services).cancel(orderID: paying.id)
            let (url, notification) = try await fake.notification(orderID: paying.id, transactionID: Self.transactionID)
            // act
            let response = try await client.deliverWeChat(notification, path: try Self.path(url))
            // check
            #expect(response.status == .ok && response.object["code"] as? String == "SUCCESS")
            #expect(try await env.order(paying.id).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.sku(1).stock == 5)
            #expect(try await env.payments(paying.id).map(\.status) == ["refund_required"])
            #expect(try await env.jobCount(kind: PaymentRecorder.refundJob) == 1)
        }
    }

    @Test func theRefundJobGivesAWeChatPaymentBackThroughWeChatPay() async throws {
        try await Self.withPaidThroughFake { client, env, paying, fake in
            // setup: the money came for an order that had timed out
            try await OrderLifecycle(services: env.services).cancel(orderID: paying.id)
            let (url, notification) = try await fake.notification(orderID: paying.id, transactionID: Self.transactionID)
            _ = try await client.deliverWeChat(notification, path: try Self.path(url))
            // act
            await env.runJobs()
            // check: WeChat was asked for the whole payment, with where to say it is done
            #expect(try await env.payments(paying.id).map(\.status) == ["refunded"])
            let refund = try #require(try fake.received().first { $0.path == WeChatPayClient.refundPath }?.json)
            #expect(refund["transaction_id"] as? String == Self.transactionID && refund["out_refund_no"] as? String == "refund-\(Self.transactionID)")
            #expect((refund["amount"] as? [String: Any])?["refund"] as? Int == Int(paying.total))
            #expect(refund["notify_url"] as? String == WeChatTestKeys.notifyURL)
        }
    }
}
