import Foundation
import MeiduoRules

/// WeChat Pay's 查询订单 (`GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=`), WeChat's side of
/// `TradeReconciliation`: an order whose notification never came is found paid all the same.
extension WeChatPayClient {
    public static func queryPath(outTradeNo: String, mchID: String) -> String {
        let escaped = outTradeNo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? outTradeNo
        return "/v3/pay/transactions/out-trade-no/\(escaped)?mchid=\(mchID)"
    }

    /// The transaction WeChat Pay holds for our number; nil when it has none (ORDER_NOT_EXIST: never ordered there).
    func queryTransaction(outTradeNo: String) async throws -> WeChatPayments.Transaction? {
        let (status, headers, answer) = try await send("GET", path: Self.queryPath(outTradeNo: outTradeNo, mchID: config.mchID), body: "")
        if status == 404, case .rejected(_, "ORDER_NOT_EXIST", _) = Self.rejection(status: status, body: answer) { return nil }
        guard status == 200 else { throw Self.rejection(status: status, body: answer) }
        if let problem = verify(headers, body: answer) { throw WeChatPayClientError.badResponseSignature(problem) }
        guard let transaction = try? JSONDecoder().decode(WeChatPayments.Transaction.self, from: Data(answer.utf8)) else {
            throw WeChatPayClientError.malformedResponse(answer)
        }
        return transaction
    }
}

extension WeChatPayments: TradeQuerying {
    public static var payMethod: PayMethod { .wechat }

    var reconciliation: TradeReconciliation<WeChatPayments> { TradeReconciliation(services: services, provider: self) }

    public func reconcile(number: String) async throws -> ReconciliationOutcome { try await reconciliation.reconcile(number: number) }

    /// SUCCESS is paid; NOTPAY, USERPAYING, CLOSED, PAYERROR and the rest are not (REFUND: paid and given back
    /// already, nothing to record). An answer about another merchant's or another order's trade is not believed.
    public func queryTrade(number: String) async throws -> QueriedTrade {
        guard let trade = try await client.queryTransaction(outTradeNo: number) else { return .notPaid("ORDER_NOT_EXIST") }
        guard trade.mchid == client.config.mchID, trade.appid == client.config.appID, trade.out_trade_no == number else {
            throw WeChatPayClientError.malformedResponse("transaction does not match \(number)")
        }
        guard trade.trade_state == "SUCCESS" else { return .notPaid(trade.trade_state ?? "") }
        guard let tradeID = trade.transaction_id, let amount = trade.amount, (amount.currency ?? "CNY") == "CNY" else {
            throw WeChatPayClientError.malformedResponse("paid transaction of \(number) without its id or amount")
        }
        return .paid(tradeID: tradeID, amount: amount.total)
    }
}
