import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Giving money back with `alipay.trade.refund`: staff cancelling a paid order, and payments that
/// arrived for orders that could not take them (`refund_required`).
extension AlipayPayments {
    /// Staff cancel a paid, unshipped Alipay order: in one transaction the order is cancelled (stock
    /// back), its payment marked `refund_required` and a refund job queued; then the refund is tried at
    /// once. When Alipay cannot be reached the job retries, so the answer's status may be `refund_required`.
    public func refundOrder(orderID: String) async throws -> RefundDTO {
        let (tradeID, amount) = try await services.db().transaction { tx -> (String, Int64) in
            let sql = tx as! any SQLDatabase
            guard let row = try await sql.raw("""
                UPDATE payments SET status = \(bind: Payment.Status.refundRequired.rawValue), update_time = \(bind: Date())
                WHERE order_id = \(bind: orderID) AND provider = \(bind: Self.provider) AND status = \(bind: Payment.Status.paid.rawValue)
                RETURNING trade_id, amount
                """).first(),
                try await OrderLifecycle.cancelPaid(orderID: orderID, sql: sql) else {
                throw PaymentsError.notRefundable
            }
            let tradeID = try row.decode(column: "trade_id", as: String.self)
            try await JobQueue.enqueue(PaymentRecorder.refundJob, payload: PaymentRecorder.TradePayload(trade_id: tradeID), on: tx,
                                       uniqueKey: "alipay-refund:\(tradeID)")
            return (tradeID, try row.decode(column: "amount", as: Int64.self))
        }
        var status = Payment.Status.refundRequired
        do {
            if try await refund(tradeID: tradeID) { status = .refunded }
        } catch {
            services.logger.warning("alipay refund failed; the refund job will retry", metadata: ["trade_id": "\(tradeID)", "error": "\(error)"])
        }
        return RefundDTO(order_id: orderID, trade_id: tradeID, refund_amount: Money.format(cents: amount), status: status.rawValue)
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
        let reply = try await client.call(method: "alipay.trade.refund", bizContent: [
            "out_trade_no": payment.orderID, "trade_no": tradeID, "refund_amount": Money.format(cents: payment.amount),
            "out_request_no": "refund-\(tradeID)", "refund_reason": "订单取消",
        ])
        guard reply.isSuccess else {
            throw AlipayClientError.rejected(code: reply.code, subCode: reply.sub_code, message: reply.sub_msg ?? reply.msg)
        }
        guard reply.trade_no == nil || reply.trade_no == tradeID else {
            throw AlipayClientError.malformedResponse("refund answer names trade \(reply.trade_no ?? "")")
        }
        try await PaymentRecorder.setStatus(.refunded, tradeID: tradeID, from: .refundRequired, sql: services.sql())
        services.logger.info("alipay refund done", metadata: ["trade_id": "\(tradeID)", "amount": "\(Money.format(cents: payment.amount))"])
        return true
    }
}
