import FluentKit
import Foundation
import MeiduoRules

/// Asks Alipay (`alipay.trade.query`) about Alipay orders still unpaid here: a buyer who paid but whose
/// notification never arrived (and whose browser never came back) still gets the order paid.
extension AlipayPayments {
    public static let reconcileJob = "payments.alipay_reconcile"
    public static let reconcileScanJob = "payments.alipay_reconcile_scan"
    /// How often unpaid Alipay orders are looked at, and how old they must be: the buyer needs time to pay.
    public static let scanInterval: TimeInterval = 300
    public static let scanMinimumAge: TimeInterval = 120

    public struct OrderPayload: Codable, Sendable {
        public let order_id: String
    }

    /// What a reconciliation found.
    public enum Reconciliation: Sendable, Equatable {
        case recorded(RecordOutcome)
        /// Alipay has no paid trade for the order (not started, waiting for the buyer, closed).
        case notPaid(String)
        /// Nothing to ask: not an Alipay order, or a payment is already recorded.
        case skipped
    }

    /// Queries the trade of one order and records it when Alipay says it was paid in full.
    public func reconcile(orderID: String) async throws -> Reconciliation {
        guard let order = try await orders.find(orderID), order.payMethod == PayMethod.alipay.rawValue,
              try await recorder.payments(orderID: orderID).isEmpty else { return .skipped }
        let reply = try await client.call(method: "alipay.trade.query", bizContent: ["out_trade_no": orderID])
        guard reply.isSuccess else {
            // ACQ.TRADE_NOT_EXIST: the buyer never reached the cashier. Other refusals are failures to retry.
            guard reply.sub_code == "ACQ.TRADE_NOT_EXIST" else {
                throw AlipayClientError.rejected(code: reply.code, subCode: reply.sub_code, message: reply.sub_msg ?? reply.msg)
            }
            return .notPaid(reply.sub_code ?? reply.code)
        }
        guard let status = reply.trade_status, Self.paidStatuses.contains(status) else { return .notPaid(reply.trade_status ?? "") }
        guard reply.out_trade_no == orderID, let tradeID = reply.trade_no, !tradeID.isEmpty,
              let amount = reply.total_amount.flatMap(Money.parse), amount == order.payAmount else {
            services.logger.error("alipay.trade.query answer does not match the order", metadata: [
                "order_id": "\(orderID)", "out_trade_no": "\(reply.out_trade_no ?? "")", "total_amount": "\(reply.total_amount ?? "")"])
            throw AlipayClientError.malformedResponse("trade does not match order \(orderID)")
        }
        let trade = VerifiedTrade(orderID: orderID, tradeID: tradeID, amountCents: amount, provider: Self.provider)
        return .recorded(try await recorder.record(trade))
    }

    /// Queues a reconciliation of one unpaid Alipay order (at most one per order per scan interval).
    @discardableResult
    public func enqueueReconciliation(orderID: String, now: Date? = nil) async throws -> Bool {
        let now = now ?? services.clock.now()
        let bucket = Int(now.timeIntervalSince1970 / Self.scanInterval)
        return try await JobQueue.enqueue(Self.reconcileJob, payload: OrderPayload(order_id: orderID), on: services.db(),
                                          uniqueKey: "alipay-reconcile:\(orderID):\(bucket)", now: now)
    }

    /// Queues a reconciliation for every Alipay order unpaid for a while; at most one per order per interval.
    @discardableResult
    public func enqueueReconciliations(now: Date? = nil, limit: Int = 500) async throws -> Int {
        let now = now ?? services.clock.now()
        let ids = try await orders.unpaidOrderIDs(payMethod: .alipay, createdBefore: now.addingTimeInterval(-Self.scanMinimumAge), limit: limit)
        var queued = 0
        for id in ids where try await enqueueReconciliation(orderID: id, now: now) { queued += 1 }
        return queued
    }
}
