import FluentKit
import Foundation
import MeiduoRules

/// Asks Alipay (`alipay.trade.query`) about Alipay orders and wallet recharges still unpaid here: a buyer who paid
/// but whose notification never arrived (and whose browser never came back) still gets the order paid or the wallet
/// credited.
extension AlipayPayments {
    public static let reconcileJob = "payments.alipay_reconcile"
    public static let reconcileScanJob = "payments.alipay_reconcile_scan"
    /// How often unpaid Alipay orders are looked at, and how old they must be: the buyer needs time to pay.
    public static let scanInterval: TimeInterval = 300
    public static let scanMinimumAge: TimeInterval = 120
    /// Recharges never time out like orders do; after three days nobody is still paying one.
    public static let rechargeScanMaximumAge: TimeInterval = 3 * 86_400

    /// The job's payload; `order_id` holds any payable number (an order's or a recharge's), the key kept for queued jobs.
    public struct OrderPayload: Codable, Sendable {
        public let order_id: String
    }

    /// What a reconciliation found.
    public enum Reconciliation: Sendable, Equatable {
        case recorded(RecordOutcome)
        /// Alipay has no paid trade for the order (not started, waiting for the buyer, closed).
        case notPaid(String)
        /// Nothing to ask: not paid through Alipay, or the payment is already recorded.
        case skipped
    }

    /// Queries the trade of one order or recharge and records it when Alipay says it was paid in full. An order is
    /// asked about until a payment is recorded (even once cancelled: money taken then is refunded), a recharge while
    /// unpaid.
    public func reconcile(number: String) async throws -> Reconciliation {
        guard let payable = try await payables.find(number), payable.payMethod == .alipay else { return .skipped }
        switch payable.kind {
        case .order: guard try await recorder.payments(orderID: number).isEmpty else { return .skipped }
        case .recharge: guard payable.awaitingPayment else { return .skipped }
        }
        let reply = try await client.call(method: "alipay.trade.query", bizContent: ["out_trade_no": number])
        guard reply.isSuccess else {
            // ACQ.TRADE_NOT_EXIST: the buyer never reached the cashier. Other refusals are failures to retry.
            guard reply.sub_code == "ACQ.TRADE_NOT_EXIST" else {
                throw AlipayClientError.rejected(code: reply.code, subCode: reply.sub_code, message: reply.sub_msg ?? reply.msg)
            }
            return .notPaid(reply.sub_code ?? reply.code)
        }
        guard let status = reply.trade_status, Self.paidStatuses.contains(status) else { return .notPaid(reply.trade_status ?? "") }
        guard reply.out_trade_no == number, let tradeID = reply.trade_no, !tradeID.isEmpty,
              let amount = reply.total_amount.flatMap(Money.parse), amount == payable.payAmount else {
            services.logger.error("alipay.trade.query answer does not match the order", metadata: [
                "out_trade_no": "\(number)", "answered_out_trade_no": "\(reply.out_trade_no ?? "")", "total_amount": "\(reply.total_amount ?? "")"])
            throw AlipayClientError.malformedResponse("trade does not match \(number)")
        }
        let trade = VerifiedTrade(number: number, tradeID: tradeID, amountCents: amount, provider: Self.provider, kind: payable.kind)
        return .recorded(try await recorder.record(trade))
    }

    /// Queues a reconciliation of one unpaid Alipay order or recharge (at most one per number per scan interval).
    @discardableResult
    public func enqueueReconciliation(number: String, now: Date? = nil) async throws -> Bool {
        let now = now ?? services.clock.now()
        let bucket = Int(now.timeIntervalSince1970 / Self.scanInterval)
        return try await JobQueue.enqueue(Self.reconcileJob, payload: OrderPayload(order_id: number), on: services.db(),
                                          uniqueKey: "alipay-reconcile:\(number):\(bucket)", now: now)
    }

    /// Queues a reconciliation for every Alipay order and recharge unpaid for a while; at most one each per interval.
    @discardableResult
    public func enqueueReconciliations(now: Date? = nil, limit: Int = 500) async throws -> Int {
        let now = now ?? services.clock.now()
        let settled = now.addingTimeInterval(-Self.scanMinimumAge)
        let orderIDs = try await orders.unpaidOrderIDs(payMethod: .alipay, createdBefore: settled, limit: limit)
        let rechargeIDs = try await WalletRecharges(services: services).unpaidIDs(
            payMethod: .alipay, createdAfter: now.addingTimeInterval(-Self.rechargeScanMaximumAge), createdBefore: settled, limit: limit)
        var queued = 0
        for number in orderIDs + rechargeIDs where try await enqueueReconciliation(number: number, now: now) { queued += 1 }
        return queued
    }
}
