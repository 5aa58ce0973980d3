import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// Returns and notifications of one trade arrive in any order, repeatedly and at once: the order is paid
/// once, one Payment exists and every delivery is answered as a success.
@Suite struct PaymentIdempotencyTests {
    static let tradeNo = "2024050122001400001000000777"

    static func deliveries(_ paying: AlipayOrder) -> (return: [String: String], notify: [String: String]) {
        (AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: paying.id, amount: paying.amount, tradeNo: tradeNo)),
         AlipaySimulator.signed(AlipaySimulator.notifyFields(orderID: paying.id, amount: paying.amount, tradeNo: tradeNo)))
    }

    /// Paid once: 待发货, one payment of the trade, stock taken once (5 − 2).
    static func paidOnce(_ env: TestEnvironment, _ paying: AlipayOrder) async throws -> Bool {
        let payments = try await env.payments(paying.id)
        let status = try await env.order(paying.id).status
        let stock = try await env.sku(1).stock
        return status == OrderStatus.unsent.rawValue && payments.map(\.tradeID) == [tradeNo] && payments.map(\.status) == ["paid"] && stock == 3
    }

    @Test func returnThenNotifyEachTwice() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let (returned, notified) = Self.deliveries(paying)
            // act
            var answers: [String] = []
            for _ in 0..<2 { answers.append(try await client.deliverReturn(returned).object["trade_id"] as? String ?? "refused") }
            for _ in 0..<2 { answers.append(try await client.deliverNotify(notified).text) }
            // check
            #expect(answers == [Self.tradeNo, Self.tradeNo, "success", "success"])
            #expect(try await Self.paidOnce(env, paying))
        }
    }

    @Test func notifyThenReturnEachTwice() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let (returned, notified) = Self.deliveries(paying)
            // act
            var answers: [String] = []
            for _ in 0..<2 { answers.append(try await client.deliverNotify(notified).text) }
            for _ in 0..<2 { answers.append(try await client.deliverReturn(returned).object["trade_id"] as? String ?? "refused") }
            // check
            #expect(answers == ["success", "success", Self.tradeNo, Self.tradeNo])
            #expect(try await Self.paidOnce(env, paying))
        }
    }

    @Test(.heavy) func concurrentReturnsAndNotifiesPayOnce() async throws {
        try await withAlipayApp { client, env in
            // setup
            let paying = try await env.alipayOrder()
            let (returned, notified) = Self.deliveries(paying)
            // act: 6 returns and 6 notifications at the same moment
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<12 {
                    group.addTask {
                        i % 2 == 0
                            ? try await client.deliverNotify(notified).text
                            : (try await client.deliverReturn(returned).object["trade_id"] as? String ?? "refused")
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            // check
            #expect(answers.filter { $0 == "success" }.count == 6)
            #expect(answers.filter { $0 == Self.tradeNo }.count == 6)
            #expect(try await Self.paidOnce(env, paying))
        }
    }

    @Test(.heavy) func concurrentRecordsOfOneTradeMakeOnePaidOutcome() async throws {
        try await withServices { env in
            // setup
            let paying = try await env.alipayOrder()
            let trade = VerifiedTrade(number: paying.id, tradeID: Self.tradeNo, amountCents: paying.order.totalAmount, provider: "alipay")
            let recorder = PaymentRecorder(services: env.services)
            // act
            let outcomes = try await withThrowingTaskGroup(of: RecordOutcome.self) { group in
                for _ in 0..<10 { group.addTask { try await recorder.record(trade) } }
                return try await group.reduce(into: [RecordOutcome]()) { $0.append($1) }
            }
            // check
            #expect(outcomes.filter { $0 == .paid }.count == 1)
            #expect(outcomes.filter { $0 == .alreadyRecorded(.paid) }.count == 9)
            #expect(try await Self.paidOnce(env, paying))
        }
    }

    @Test func aSecondTradeForAPaidOrderIsRecordedForRefund() async throws {
        try await withAlipayApp { client, env in
            // setup: the buyer paid twice (two cashier sessions)
            let paying = try await env.alipayOrder()
            _ = try await client.deliverNotify(Self.deliveries(paying).notify)
            let second = AlipaySimulator.signed(AlipaySimulator.notifyFields(orderID: paying.id, amount: paying.amount, tradeNo: "2024050122001400001000000888"))
            // act
            let response = try await client.deliverNotify(second)
            // check
            #expect(response.text == "success")
            #expect(try await env.payments(paying.id).map(\.status) == ["paid", "refund_required"])
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
        }
    }
}
