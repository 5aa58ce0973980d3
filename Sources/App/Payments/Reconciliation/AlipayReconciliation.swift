import Foundation
import MeiduoRules

/// Alipay's side of `TradeReconciliation`: `alipay.trade.query` by our number.
extension AlipayPayments: TradeQuerying {
    public static var payMethod: PayMethod { .alipay }
    public typealias Reconciliation = ReconciliationOutcome
    public static var reconcileJob: String { TradeReconciliation<AlipayPayments>.job }
    public static var reconcileScanJob: String { TradeReconciliation<AlipayPayments>.scanJob }
    public static var scanInterval: TimeInterval { TradeReconciliation<AlipayPayments>.scanInterval }
    public static var scanMinimumAge: TimeInterval { TradeReconciliation<AlipayPayments>.scanMinimumAge }

    var reconciliation: TradeReconciliation<AlipayPayments> { TradeReconciliation(services: services, provider: self) }

    public func reconcile(number: String) async throws -> ReconciliationOutcome { try await reconciliation.reconcile(number: number) }

    @discardableResult
    public func enqueueReconciliation(number: String, now: Date? = nil) async throws -> Bool {
        try await reconciliation.enqueue(number: number, now: now)
    }

    @discardableResult
    public func enqueueReconciliations(now: Date? = nil, limit: Int = 500) async throws -> Int {
        try await reconciliation.enqueueAll(now: now, limit: limit)
    }

    /// ACQ.TRADE_NOT_EXIST (the buyer never reached the cashier) and unpaid statuses are "not paid"; other refusals
    /// are failures to retry; an answer about another trade is not believed.
    public func queryTrade(number: String) async throws -> QueriedTrade {
        let reply = try await client.call(method: "alipay.trade.query", bizContent: ["out_trade_no": number])
        guard reply.isSuccess else {
            guard reply.sub_code == "ACQ.TRADE_NOT_EXIST" else {
                throw AlipayClientError.rejected(code: reply.code, subCode: reply.sub_code, message: reply.sub_msg ?? reply.msg)
            }
            return .notPaid(reply.sub_code ?? reply.code)
        }
        guard let status = reply.trade_status, Self.paidStatuses.contains(status) else { return .notPaid(reply.trade_status ?? "") }
        guard reply.out_trade_no == number, let tradeID = reply.trade_no, let amount = reply.total_amount.flatMap(Money.parse) else {
            throw AlipayClientError.malformedResponse("trade does not match \(number)")
        }
        return .paid(tradeID: tradeID, amount: amount)
    }
}
