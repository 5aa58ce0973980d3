import FluentKit
import Foundation
import SQLKit

/// A trade a provider vouched for: its signature, app, payable (order or recharge) and amount have all been checked.
public struct VerifiedTrade: Sendable, Equatable {
    /// The `out_trade_no`: an order's or a recharge's number.
    public var number: String
    public var tradeID: String
    public var amountCents: Int64
    public var provider: String
    public var kind: Payable.Kind = .order
}

/// What recording a trade did.
public enum RecordOutcome: Sendable, Equatable {
    /// This call recorded the payment and moved the order 待支付 → 待发货.
    case paid
    /// The order could not take the money (cancelled, or already paid by another trade): the payment is
    /// recorded as `refund_required` and a refund job is queued.
    case refundRequired
    /// The trade was recorded before (a repeated notify or return): nothing changed.
    case alreadyRecorded(Payment.Status)
}

/// Records payments so that any number of reports of a trade, in any order and at the same moment, pay
/// the order once: the unique `trade_id` decides which report records it, and the order moves with a
/// conditional update in the same transaction.
public struct PaymentRecorder: Sendable {
    public static let refundJob = "payments.alipay_refund"
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct TradePayload: Codable, Sendable {
        public let trade_id: String
    }

    public func record(_ trade: VerifiedTrade) async throws -> RecordOutcome {
        if trade.kind == .recharge { return try await recordRecharge(trade) }
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await recordOrderPayment(trade)
            } catch let error where attempt < 5 && (error is PlanShortfall || (error as? any DatabaseError)?.isConstraintFailure == true) {
                // Another payment of the same buyer moved an enrolment this one was granting on: read it again.
                continue
            }
        }
    }

    /// One try, all in one transaction: the payment, the order's move, the credits it earns and the courses it bought.
    func recordOrderPayment(_ trade: VerifiedTrade) async throws -> RecordOutcome {
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            let now = services.clock.now()
            let inserted = try await sql.raw("""
                INSERT INTO payments (order_id, trade_id, provider, amount, status, create_time, update_time)
                VALUES (\(bind: trade.number), \(bind: trade.tradeID), \(bind: trade.provider), \(bind: trade.amountCents),
                        \(bind: Payment.Status.paid.rawValue), \(bind: now), \(bind: now))
                ON CONFLICT (trade_id) DO NOTHING RETURNING id
                """).all()
            guard !inserted.isEmpty else {
                let status = try await sql.raw("SELECT status FROM payments WHERE trade_id = \(bind: trade.tradeID)").first()?
                    .decode(column: "status", as: String.self)
                return .alreadyRecorded(status.flatMap(Payment.Status.init(rawValue:)) ?? .paid)
            }
            if try await OrderLifecycle(services: services).markPaid(orderID: trade.number, on: sql) {
                let lifecycle = OrderLifecycle(services: services)
                try await lifecycle.creditsEarnedSteps(orderID: trade.number, on: tx, now: now).run(inTransaction: sql)
                try await lifecycle.enrolmentSteps(orderID: trade.number, provider: trade.provider, on: sql, now: now).run(inTransaction: sql)
                return .paid
            }
            try await Self.setStatus(.refundRequired, tradeID: trade.tradeID, from: .paid, sql: sql, now: now)
            try await JobQueue.enqueue(Self.refundJob, payload: TradePayload(trade_id: trade.tradeID), on: tx,
                                       uniqueKey: "alipay-refund:\(trade.tradeID)", now: services.clock.now())
            services.logger.warning("payment for an order that cannot take it; refund queued",
                                    metadata: ["order_id": "\(trade.number)", "trade_id": "\(trade.tradeID)"])
            return .refundRequired
        }
    }

    /// A recharge's trade credits the wallet once (Wallet's guarded plan); reports after the first change nothing.
    func recordRecharge(_ trade: VerifiedTrade) async throws -> RecordOutcome {
        switch try await WalletRecharges(services: services).confirm(id: trade.number, tradeID: trade.tradeID, provider: trade.provider) {
        case .credited:
            return .paid
        case .alreadyPaid(sameTrade: true):
            return .alreadyRecorded(.paid)
        case .alreadyPaid(sameTrade: false):
            // Providers take one successful trade per out_trade_no, so this is a provider fault: staff refund it by hand.
            services.logger.error("a second trade reported for a paid recharge; refund it by hand",
                                  metadata: ["recharge_id": "\(trade.number)", "trade_id": "\(trade.tradeID)", "provider": "\(trade.provider)"])
            return .alreadyRecorded(.refundRequired)
        }
    }

    /// Moves a payment between statuses with a conditional update; true when this call moved it.
    @discardableResult
    static func setStatus(_ status: Payment.Status, tradeID: String, from: Payment.Status, sql: any SQLDatabase, now: Date) async throws -> Bool {
        let rows = try await sql.raw("""
            UPDATE payments SET status = \(bind: status.rawValue), update_time = \(bind: now)
            WHERE trade_id = \(bind: tradeID) AND status = \(bind: from.rawValue) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// The payments recorded for an order, oldest first.
    public func payments(orderID: String) async throws -> [Payment] {
        try await Payment.query(on: services.db()).filter(\.$orderID == orderID).sort(\.$id).all()
    }
}
