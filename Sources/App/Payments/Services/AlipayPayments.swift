import FluentKit
import Foundation
import Logging
import MeiduoRules

/// Alipay payments of orders: the payment URL, the buyer's return, Alipay's notifications,
/// reconciliation with `alipay.trade.query` and refunds with `alipay.trade.refund`.
public struct AlipayPayments: Sendable {
    public static let provider = "alipay"
    public static let paidStatuses: Set<String> = ["TRADE_SUCCESS", "TRADE_FINISHED"]
    let services: AppServices
    let client: AlipayClient

    /// Throws `PaymentsError.notConfigured` (503) when Alipay settings are missing.
    public init(services: AppServices) throws {
        guard let config = services.config.alipay else { throw PaymentsError.notConfigured }
        self.services = services
        self.client = AlipayClient(config: config, httpClient: services.httpClient)
    }

    var orders: OrderQueries { OrderQueries(services: services) }
    var payables: Payables { Payables(services: services) }
    var recorder: PaymentRecorder { PaymentRecorder(services: services) }

    /// `{alipay_url}` for the user's own unpaid Alipay order; anything else is 订单信息有误.
    public func paymentURL(orderID: String, userID: Int) async throws -> String {
        let order = try await orders.payableOrder(orderID, userID: userID, method: .alipay)
        return try paymentURL(for: Payable(order: order))
    }

    /// The cashier URL of anything payable (an order, a wallet recharge): Alipay charges its `payAmount`.
    public func paymentURL(for payable: Payable) throws -> String {
        try client.pagePayURL(orderID: payable.number, amountCents: payable.payAmount, subject: payable.subject)
    }

    /// Why something claiming to come from Alipay was not believed.
    public enum Refusal: Error, Equatable {
        case badSignature, foreignApp, unknownOrder, amountMismatch, missingTrade, notPaid(String)
    }

    /// Checks a return or notification and names the trade it vouches for. Notifications must also say
    /// the trade succeeded; returns carry no status (Alipay only returns the buyer after paying).
    public func verifiedTrade(_ params: [String: String], requireTradeStatus: Bool) async throws -> Result<VerifiedTrade, Refusal> {
        guard client.isAuthentic(params) else { return .failure(.badSignature) }
        guard params["app_id"] == client.config.appID else { return .failure(.foreignApp) }
        guard let payable = try await payables.find(params["out_trade_no"]) else { return .failure(.unknownOrder) }
        guard let amount = params["total_amount"].flatMap(Money.parse), amount == payable.payAmount else { return .failure(.amountMismatch) }
        guard let tradeID = params["trade_no"], !tradeID.isEmpty, tradeID.count <= 100 else { return .failure(.missingTrade) }
        if requireTradeStatus {
            let status = params["trade_status"] ?? ""
            guard Self.paidStatuses.contains(status) else { return .failure(.notPaid(status)) }
        }
        return .success(VerifiedTrade(number: payable.number, tradeID: tradeID, amountCents: amount, provider: Self.provider, kind: payable.kind))
    }

    /// `PUT /payment/status/`: the buyer's browser forwards Alipay's signed return. Pays the order
    /// (once) and answers the trade number; a forged or altered return changes nothing.
    public func handleReturn(_ params: [String: String]) async throws -> String {
        switch try await verifiedTrade(params, requireTradeStatus: false) {
        case .failure(let refusal):
            log(refusal, params: params, source: "return")
            // The buyer came back but the return proves nothing: ask Alipay about the order (or recharge) directly.
            if let payable = try await payables.find(params["out_trade_no"]), payable.awaitingPayment, payable.payMethod == .alipay {
                try await enqueueReconciliation(number: payable.number)
            }
            throw PaymentsError.illegalRequest
        case .success(let trade):
            switch try await recorder.record(trade) {
            case .paid, .alreadyRecorded(.paid): return trade.tradeID
            case .refundRequired, .alreadyRecorded: throw PaymentsError.paidAfterCancel
            }
        }
    }

    /// `POST /payment/alipay/notify/`: true (answer `success`) once the notification is recorded, so
    /// Alipay stops retrying; false (`failure`) when it is not believed or reports no payment.
    public func handleNotification(_ params: [String: String]) async throws -> Bool {
        switch try await verifiedTrade(params, requireTradeStatus: true) {
        case .failure(let refusal):
            log(refusal, params: params, source: "notify")
            return false
        case .success(let trade):
            _ = try await recorder.record(trade)
            return true
        }
    }

    func log(_ refusal: Refusal, params: [String: String], source: String) {
        services.logger.warning("alipay \(source) refused", metadata: [
            "reason": "\(refusal)", "out_trade_no": "\(params["out_trade_no"] ?? "")", "trade_no": "\(params["trade_no"] ?? "")",
        ])
    }
}
