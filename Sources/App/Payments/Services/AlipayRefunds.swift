import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Giving money back with `alipay.trade.refund`: staff cancelling a paid order, and payments that
/// arrived for orders that could not take them (`refund_required`).
extension AlipayPayments {
    /// Staff cancel a paid, unshipped Alipay order (or a paid order of courses): in one transaction the order is cancelled (stock
    /// back), its payment marked `refund_required` and a refund job queued; then the refund is tried at
    /// once. When Alipay cannot be reached the job retries, so the answer's status may be `refund_required`.
    public func refundOrder(orderID: String) async throws -> RefundDTO {
        guard let paid = try await services.readSQL().raw("""
            SELECT trade_id, amount FROM payments
            WHERE order_id = \(bind: orderID) AND provider = \(bind: Self.provider) AND status = \(bind: Payment.Status.paid.rawValue)
            """).first() else { throw PaymentsError.notRefundable }
        let tradeID = try paid.decode(column: "trade_id", as: String.self)
        let amount = try paid.decode(column: "amount", as: Int64.self)
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
            if try await refund(tradeID: tradeID) { status = .refunded }
        } catch {
            services.logger.warning("alipay refund failed; the refund job will retry", metadata: ["trade_id": "\(tradeID)", "error": "\(error)"])
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

    /// Refunds a `refund_required` payment in full; true once it is refunded (also when it already was).
    /// The request number is derived from the trade, so a repeated call cannot refund twice.
    @discardableResult
    public func refund(tradeID: String) async throws -> Bool {
        guard let payment = try await Payment.query(on: services.db()).filter(\.$tradeID == tradeID).first() else { return false }
        switch payment.paymentStatus {
        case .refunded: return true
        case .refundRequired: break
        default: return false
        }
        _ = try await refund(TradeRefund(outTradeNo: payment.orderID, tradeID: tradeID, requestNo: "refund-\(tradeID)", amount: payment.amount,
                                         total: payment.amount, reason: "订单取消"))
        try await PaymentRecorder.setStatus(.refunded, tradeID: tradeID, from: .refundRequired, sql: services.sql(), now: services.clock.now())
        services.logger.info("alipay refund done", metadata: ["trade_id": "\(tradeID)", "amount": "\(Money.format(cents: payment.amount))"])
        return true
    }
}

extension AlipayPayments: TradeRefunding {
    /// `alipay.trade.refund` of `amount` (a part of the trade is allowed; `out_request_no` makes each part once).
    /// Alipay answers a refund synchronously: a success means the money is on its way back.
    public func refund(_ refund: TradeRefund) async throws -> TradeRefund.State {
        let reply = try await client.call(method: "alipay.trade.refund", bizContent: [
            "out_trade_no": refund.outTradeNo, "trade_no": refund.tradeID, "refund_amount": Money.format(cents: refund.amount),
            "out_request_no": refund.requestNo, "refund_reason": refund.reason,
        ])
        guard reply.isSuccess else {
            throw AlipayClientError.rejected(code: reply.code, subCode: reply.sub_code, message: reply.sub_msg ?? reply.msg)
        }
        guard reply.trade_no == nil || reply.trade_no == refund.tradeID else {
            throw AlipayClientError.malformedResponse("refund answer names trade \(reply.trade_no ?? "")")
        }
        return .done
    }
}
