import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Giving deposits back (seed 001 保证金退款), in the same plan as the deposit's balance going down, guarded on the
/// balance read, so nothing is given back twice. A deposit paid from the wallet comes back to the wallet at once (a
/// 退款成功 record and its ledger row); one paid at Alipay's or WeChat Pay's cashier (through a recharge) goes back
/// there: a 待退款 record and a `providerJob` that refunds that part of the recharge's trade and marks it 退款成功.
struct AuctionDepositRefunds: Sendable {
    static let providerJob = "auctions.deposit_provider_refund"

    struct RefundPayload: Codable, Sendable {
        let refund_uid: String
    }

    /// The provider accepted the refund but has not finished it: the job asks again later.
    struct StillProcessing: Error, CustomStringConvertible {
        let uid: String
        var description: String { "deposit refund \(uid) is still processing at the provider" }
    }

    let services: AppServices

    /// The steps that give a deposit's `amount` back now (`balance` is what was read of it).
    /// The ledger row names `reference` (the deposit's or the order's number), which the buyer sees beside it.
    func refundSteps(depositID: Int, userID: Int, balance: Int64, amount: Int64, uid: String, reference: String, rechargeID: String?,
                     now: Date) throws -> WritePlan {
        var plan = WritePlan()
        plan.require("""
            UPDATE auction_deposits SET balance = balance - \(bind: amount), update_time = \(bind: now)
            WHERE id = \(bind: depositID) AND balance = \(bind: balance)
            """, touches: 1) { _ in nil }
        plan.append(try recordSteps(depositID: depositID, userID: userID, amount: amount, uid: uid, reference: reference,
                                    rechargeID: rechargeID, now: now))
        return plan
    }

    /// The refund's record and where the money goes — the wallet now, or the provider of `rechargeID` by the job — for
    /// a plan that moves the deposit's balance itself (one update of a row per plan: PostgreSQL runs a plan as one
    /// statement, where a row can change only once).
    func recordSteps(depositID: Int, userID: Int, amount: Int64, uid: String, reference: String, rechargeID: String?,
                     now: Date) throws -> WritePlan {
        var plan = WritePlan()
        plan.write("""
            INSERT INTO auction_deposit_refunds (uid, deposit_id, amount, status, create_time, update_time)
            VALUES (\(bind: uid), \(bind: depositID), \(bind: amount), \(bind: rechargeID == nil ? 2 : 1), \(bind: now), \(bind: now))
            """)
        if rechargeID != nil {
            plan.write(try JobQueue.insertStatement(Self.providerJob, payload: RefundPayload(refund_uid: uid), uniqueKey: "deposit-refund:\(uid)",
                                                    now: now))
        } else {
            plan.append(Ledger(.wallet, services: services).creditSteps(userID: userID, amount: amount, reason: .auctionDepositRefund,
                                                                          orderID: reference, now: now))
        }
        return plan
    }

    /// The job: refunds a 待退款 record's amount from the trade of the recharge that paid its deposit, asking with the
    /// record's number (so a retry after a lost answer refunds nothing more), then marks it 退款成功. Already
    /// 退款成功 does nothing; a provider still processing, refusing or out of reach fails the job, which retries.
    func refundThroughProvider(uid: String) async throws {
        guard let row = try await services.readSQL().raw("""
            SELECT r.amount, r.status, w.id AS recharge_id, w.trade_id, w.provider, w.amount AS total
            FROM auction_deposit_refunds r JOIN auction_deposits d ON d.id = r.deposit_id JOIN wallet_recharges w ON w.id = d.recharge_id
            WHERE r.uid = \(bind: uid)
            """).first(), try row.decode(column: "status", as: Int.self) == 1 else { return }
        let refund = TradeRefund(outTradeNo: try row.decode(column: "recharge_id", as: String.self),
                                 tradeID: try row.decode(column: "trade_id", as: String.self), requestNo: uid,
                                 amount: try row.decode(column: "amount", as: Int64.self), total: try row.decode(column: "total", as: Int64.self),
                                 reason: "拍卖保证金退还")
        let refunder = try TradeRefunders.refunder(provider: try row.decode(column: "provider", as: String.self), services: services)
        guard try await refunder.refund(refund) == .done else { throw StillProcessing(uid: uid) }
        _ = try await markRefunded(uid: uid, amount: refund.amount)
    }

    /// Whether the record is 退款成功 already (a repeated notice is acknowledged, not refused).
    func isRefunded(uid: String) async throws -> Bool {
        try await services.readSQL().raw("SELECT status FROM auction_deposit_refunds WHERE uid = \(bind: uid)").first()?
            .decode(column: "status", as: Int.self) == 2
    }

    /// The provider says the money of a 待退款 record is back (its answer, or WeChat Pay's REFUND.SUCCESS notification
    /// naming the record's number and amount): 退款成功, once. False when no such record waits for that amount.
    func markRefunded(uid: String, amount: Int64) async throws -> Bool {
        let now = services.clock.now()
        return try await !services.sql().raw("""
            UPDATE auction_deposit_refunds SET status = 2, update_time = \(bind: now)
            WHERE uid = \(bind: uid) AND amount = \(bind: amount) AND status = 1 RETURNING id
            """).all().isEmpty
    }

    /// At settlement: every lot deposit of the lot but the winner's comes back.
    func lotRefundSteps(itemID: Int, keepFor winner: Int?, now: Date) async throws -> WritePlan {
        let deposits = try await services.readSQL().raw("""
            SELECT id, uid, user_id, balance, recharge_id FROM auction_deposits WHERE scope = \(bind: "lot:\(itemID)") AND status = 2 AND balance > 0
            """).all()
        var plan = WritePlan()
        for deposit in deposits {
            let userID = try deposit.decode(column: "user_id", as: Int.self)
            guard userID != winner else { continue }
            let id = try deposit.decode(column: "id", as: Int.self), balance = try deposit.decode(column: "balance", as: Int64.self)
            plan.append(try refundSteps(depositID: id, userID: userID, balance: balance, amount: balance, uid: "R\(id)-\(itemID)",
                                        reference: try deposit.decode(column: "uid", as: String.self),
                                        rechargeID: try deposit.decode(column: "recharge_id", as: String?.self), now: now))
        }
        return plan
    }

    /// Gives back what is left of the session deposits of a session (of one user, or everyone's) once it is over —
    /// every lot settled — and the user has no unpaid order in it (seed: 专场保证金 & 还有未支付的订单). The
    /// conditions are in the guarded update itself, so a settlement, payment or overdue run racing this one can't
    /// make it refund a deposit an unpaid order still needs. Answers how many deposits came back.
    @discardableResult
    func refundSessionDeposits(auctionID: Int, userID: Int? = nil) async throws -> Int {
        var query: SQLQueryString = """
            SELECT d.id, d.uid, d.user_id, d.balance, d.recharge_id FROM auction_deposits d
            WHERE d.scope = \(bind: "session:\(auctionID)") AND d.status = 2 AND d.balance > 0
            """
        if let userID { query.appendInterpolation(" AND d.user_id = \(bind: userID)" as SQLQueryString) }
        var refunded = 0
        for deposit in try await services.readSQL().raw(query).all() {
            let id = try deposit.decode(column: "id", as: Int.self), user = try deposit.decode(column: "user_id", as: Int.self)
            let balance = try deposit.decode(column: "balance", as: Int64.self)
            let now = services.clock.now()
            var plan = WritePlan()
            plan.require("""
                UPDATE auction_deposits SET balance = 0, update_time = \(bind: now)
                WHERE id = \(bind: id) AND balance = \(bind: balance)
                  AND EXISTS (SELECT 1 FROM auctions WHERE id = \(bind: auctionID) AND auction_end_time <= \(bind: now))
                  AND NOT EXISTS (SELECT 1 FROM auction_items WHERE auction_id = \(bind: auctionID) AND status < \(bind: AuctionSchedule.LotStatus.sold.rawValue))
                  AND NOT EXISTS (SELECT 1 FROM auction_orders WHERE auction_id = \(bind: auctionID) AND user_id = \(bind: user) AND status = 1)
                """, touches: 1) { _ in nil }
            plan.append(try recordSteps(depositID: id, userID: user, amount: balance, uid: "S\(id)",
                                        reference: try deposit.decode(column: "uid", as: String.self),
                                        rechargeID: try deposit.decode(column: "recharge_id", as: String?.self), now: now))
            do {
                try await services.planExecutor.execute(plan)
                refunded += 1
            } catch let error where error is PlanShortfall || error.isTransientConflict || (error as? any DatabaseError)?.isConstraintFailure == true {
                continue  // not refundable yet, or another run gave it back first
            }
        }
        return refunded
    }
}
