import _CryptoExtras
import Foundation
import MeiduoRules
import Testing
@testable import App

/// `alipay.trade.query` against Tests/Support/fake_alipay_gateway.py, which checks our request signatures
/// and signs its answers with "Alipay's" key.
@Suite(.heavy, .timeLimit(.minutes(10))) struct PaymentReconciliationTests {
    static let tradeNo = "2024050122001400001000000321"

    /// Runs `body` with a fake gateway (trades set by `trades` once the order exists) and the app pointed at it.
    static func withGateway(tamper: Bool = false, appKey: _RSA.Signing.PrivateKey = AlipayTestKeys.app,
                            trades: @escaping @Sendable (AlipayOrder) -> [String: [String: String]],
                            _ body: @Sendable (TestEnvironment, AlipayOrder, FakeAlipayGateway) async throws -> Void) async throws {
        let fake = try await FakeAlipayGateway.start(tamper: tamper, appKey: appKey)
        defer { fake.stop() }
        try await withAlipayApp(gateway: fake.url) { _, env in
            let paying = try await env.alipayOrder()
            try fake.setTrades(trades(paying))
            try await body(env, paying, fake)
        }
    }

    static func paid(_ paying: AlipayOrder, status: String = "TRADE_SUCCESS", amount: String? = nil) -> [String: [String: String]] {
        [paying.id: ["trade_no": tradeNo, "total_amount": amount ?? paying.amount, "trade_status": status]]
    }

    /// The error `work` threw, or nil.
    static func failure(_ work: () async throws -> Any) async -> (any Error)? {
        do {
            _ = try await work()
            return nil
        } catch {
            return error
        }
    }

    @Test func jobRecordsATradeAlipayReportsPaid() async throws {
        try await Self.withGateway(trades: { Self.paid($0) }) { env, paying, fake in
            // setup
            try await AlipayPayments(services: env.services).enqueueReconciliation(number: paying.id)
            // act
            await env.runJobs()
            // check
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
            #expect(try await env.payments(paying.id).map(\.tradeID) == [Self.tradeNo])
            let received = try fake.received()
            #expect(received.map(\.method) == ["alipay.trade.query"])
            #expect(received.first?.code == "10000" && received.first?.biz?["out_trade_no"] == paying.id)
        }
    }

    @Test func tradeWaitingForTheBuyerLeavesTheOrderUnpaid() async throws {
        try await Self.withGateway(trades: { Self.paid($0, status: "WAIT_BUYER_PAY") }) { env, paying, _ in
            // act
            let found = try await AlipayPayments(services: env.services).reconcile(number: paying.id)
            // check
            #expect(found == .notPaid("WAIT_BUYER_PAY"))
            #expect(try await env.order(paying.id).status == OrderStatus.unpaid.rawValue)
        }
    }

    @Test func tradeAlipayDoesNotKnowLeavesTheOrderUnpaid() async throws {
        try await Self.withGateway(trades: { _ in [:] }) { env, paying, _ in
            // act
            let found = try await AlipayPayments(services: env.services).reconcile(number: paying.id)
            // check
            #expect(found == .notPaid("ACQ.TRADE_NOT_EXIST"))
            #expect(try await env.payments(paying.id).isEmpty)
        }
    }

    @Test func answerAlteredAfterSigningIsRefused() async throws {
        try await Self.withGateway(tamper: true, trades: { Self.paid($0) }) { (env, paying, _) async throws in
            // act
            let error = await Self.failure { try await AlipayPayments(services: env.services).reconcile(number: paying.id) }
            // check
            #expect(error.map { "\($0)" } == AlipayClientError.badResponseSignature.description)
            #expect(try await env.order(paying.id).status == OrderStatus.unpaid.rawValue)
        }
    }

    @Test func requestSignedWithAnUnregisteredKeyIsRefusedByTheGateway() async throws {
        // setup: the gateway knows another public key for our app id
        try await Self.withGateway(appKey: AlipayTestKeys.forger, trades: { Self.paid($0) }) { (env, paying, fake) async throws in
            // act
            let error = await Self.failure { try await AlipayPayments(services: env.services).reconcile(number: paying.id) }
            // check
            #expect(error is AlipayClientError)
            #expect(try fake.received().map(\.sub_code) == ["isv.invalid-signature"])
            #expect(try await env.order(paying.id).status == OrderStatus.unpaid.rawValue)
        }
    }

    @Test func tradeOfAnotherAmountIsNotRecorded() async throws {
        try await Self.withGateway(trades: { Self.paid($0, amount: "0.01") }) { (env, paying, _) async throws in
            // act
            let error = await Self.failure { try await AlipayPayments(services: env.services).reconcile(number: paying.id) }
            // check
            #expect(error is TradeReconciliation<AlipayPayments>.Mismatch)
            #expect(try await env.payments(paying.id).isEmpty)
        }
    }

    @Test func orderWithAPaymentIsNotQueriedAgain() async throws {
        try await Self.withGateway(trades: { Self.paid($0) }) { env, paying, fake in
            // setup
            _ = try await AlipayPayments(services: env.services).reconcile(number: paying.id)
            // act
            let again = try await AlipayPayments(services: env.services).reconcile(number: paying.id)
            // check
            #expect(again == .skipped)
            #expect(try fake.received().count == 1)
        }
    }

    @Test func scanQueuesUnpaidAlipayOrdersOncePerInterval() async throws {
        try await withAlipayApp { _, env in
            // setup
            let paying = try await env.alipayOrder()
            let alipay = try AlipayPayments(services: env.services)
            let later = Date().addingTimeInterval(AlipayPayments.scanMinimumAge + 1)
            // act
            let tooSoon = try await alipay.enqueueReconciliations()
            let first = try await alipay.enqueueReconciliations(now: later)
            let second = try await alipay.enqueueReconciliations(now: later)
            // check
            let counts: [Int] = [tooSoon, first, second]
            #expect(counts == [0, 1, 0])
            #expect(try await env.jobCount(kind: AlipayPayments.reconcileJob) == 1)
            #expect(paying.order.status == OrderStatus.unpaid.rawValue)
        }
    }

    @Test func scanIsAPeriodicJob() {
        #expect(MeiduoApplication.periodicJobs().contains { $0.kind == AlipayPayments.reconcileScanJob })
    }
}
