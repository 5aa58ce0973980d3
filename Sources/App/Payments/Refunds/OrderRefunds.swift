import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Giving an order's money back through the provider it came from (Alipay's `alipay.trade.refund`, WeChat Pay's
/// `/v3/refund/domestic/refunds`): staff cancelling a paid order, and payments that arrived for orders that could not
/// take them (`refund_required`). One flow for every provider; `TradeRefunders` picks the client.
public struct OrderRefunds: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// The request number of an order payment's refund: derived from the trade, so a retried refund is one refund.
    static func requestNo(tradeID: String) -> String { "refund-\(tradeID)" }

    /// A refund the provider took and has not finished: the job asks again later.
    struct StillProcessing: Error, CustomStringConvertible {
        let tradeID: String
        var description: String { "the refund of \(tradeID) is still processing" }
    }

    /// Staff cancel a paid, unshipped order (or a paid order of courses): in one transaction the order is cancelled
    /// (stock and courses back), its payment marked `refund_required` and a refund job queued; then the refund is tried
    /// at once. When the provider can't be reached the job retries, and WeChat Pay finishes refunds later (its
    /// notification or the job's next question says so), so the answer's status may be `refund_required`.
    public func refundOrder(orderID: String) async throws -> RefundDTO {
        guard let paid = try await services.readSQL().raw("""
            SELECT trade_id, amount, provider FROM payments
            WHERE order_id = \(bind: orderID) AND status = \(bind: Payment.Status.paid.rawValue)
            """).first() else { throw PaymentsError.notRefundable }
        let tradeID = try paid.decode(column: "trade_id", as: String.self)
        let amount = try paid.decode(column: "amount", as: Int64.self)
        // A shop without the provider's settings answers 503 before anything changes.
        let refunder = try TradeRefunders.refunder(provider: try paid.decode(column: "provider", as: String.self), services: services)
        // One plan: the payment owed back, its refund job, the order cancelled, its stock and courses back — all or
        // nothing; built again when a course's enrolment moved between the reading and the writing.
        for attempt in 1...5 {
            do {
                try await services.planExecutor.execute(try await refundPlan(orderID: orderID, tradeID: tradeID))
                break
            } catch is OrderLifecycle.MoveRefused {
                throw PaymentsError.notRefundable
            } catch is PlanShortfall where attempt < 5 {
                continue
            }
        }
        var status = Payment.Status.refundRequired
        do {
            if try await refundPayment(tradeID: tradeID, through: refunder) { status = .refunded }
        } catch {
            services.logger.warning("refund failed; the refund job will retry", metadata: ["trade_id": "\(tradeID)", "error": "\(error)"])
        }
        return RefundDTO(order_id: orderID, trade_id: tradeID, refund_amount: Money.format(cents: amount), status: status.rawValue)
    }

    func refundPlan(orderID: String, tradeID: String) async throws -> WritePlan {
        let now = services.clock.now()
        var plan = WritePlan()
        plan.require("""
            UPDATE payments SET status = \(bind: Payment.Status.refundRequired.rawValue), update_time = \(bind: now)
            WHERE trade_id = \(bind: tradeID) AND status = \(bind: Payment.Status.paid.rawValue)
            """, touches: 1) { _ in PaymentsError.notRefundable }
        plan.write(try JobQueue.insertStatement(PaymentRecorder.refundJob, payload: PaymentRecorder.TradePayload(trade_id: tradeID),
                                                uniqueKey: "alipay-refund:\(tradeID)", now: now))
        plan.append(try await OrderLifecycle(services: services).cancelPaidSteps(orderID: orderID))
        return plan
    }

    /// Refunds a `refund_required` payment in full through its provider; true once it is refunded (also when it
    /// already was), false while the provider is still processing it (or, with `retryWhileProcessing`, an error, so
    /// the job asks again). `refunder`: the provider's client when the caller has it already.
    @discardableResult
    public func refundPayment(tradeID: String, retryWhileProcessing: Bool = false, through refunder: (any TradeRefunding)? = nil) async throws -> Bool {
        guard let payment = try await Payment.query(on: services.db()).filter(\.$tradeID == tradeID).first() else { return false }
        switch payment.paymentStatus {
        case .refunded: return true
        case .refundRequired: break
        default: return false
        }
        let refunder = try refunder ?? TradeRefunders.refunder(provider: payment.provider, services: services)
        let state = try await refunder.refund(TradeRefund(outTradeNo: payment.orderID, tradeID: tradeID, requestNo: Self.requestNo(tradeID: tradeID),
                                                          amount: payment.amount, total: payment.amount, reason: "订单取消"))
        guard state == .done else {
            if retryWhileProcessing { throw StillProcessing(tradeID: tradeID) }
            return false
        }
        try await markRefunded(tradeID: tradeID)
        return true
    }

    /// The provider says the money is back (its answer, or WeChat Pay's REFUND.SUCCESS notification): once.
    func markRefunded(tradeID: String) async throws {
        _ = try await PaymentRecorder.setStatus(.refunded, tradeID: tradeID, from: .refundRequired, sql: services.sql(), now: services.clock.now())
        services.logger.info("order payment refunded", metadata: ["trade_id": "\(tradeID)"])
    }
}
