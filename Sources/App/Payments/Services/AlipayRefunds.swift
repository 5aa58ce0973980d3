import FluentKit
import Foundation
import MeiduoRules
import SQLKit

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
