import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// A won lot not paid by its deadline (seed 001 逾期未支付): the order and the lot go 逾期未支付, the winning bid
/// 逾期未付款, and the deposit that covered the lot is forfeited (逾期扣款, `AuctionPayment.overdueDeduction`) — in one
/// plan guarded on the order still being unpaid, so a payment that lands first wins and the job changes nothing.
public struct AuctionOverdue: Sendable {
    public static let job = "auctions.order_overdue"

    public struct OrderPayload: Codable, Sendable {
        /// The order's serial number (`uid`), known before the settlement plan writes the order.
        public let order_uid: String
    }

    public enum Outcome: Sendable, Equatable {
        case notDue, notUnpaid, forfeited(amount: Int64)
    }

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    static func scheduleStatement(orderUID: String, deadline: Date, now: Date) throws -> SQLQueryString {
        try JobQueue.insertStatement(job, payload: OrderPayload(order_uid: orderUID), runAt: deadline, uniqueKey: "overdue:\(orderUID)", now: now)
    }

    public func run(orderUID: String) async throws -> Outcome {
        for _ in 0..<10 {
            let sql = services.readSQL()
            guard let order = try await sql.raw("""
                SELECT o.id, o.status, o.pay_deadline, o.item_id, o.auction_id, o.user_id, o.deposit_id, i.deposit AS lot_deposit, d.balance, d.deposit_type
                FROM auction_orders o JOIN auction_items i ON i.id = o.item_id LEFT JOIN auction_deposits d ON d.id = o.deposit_id
                WHERE o.uid = \(bind: orderUID)
                """).first() else { return .notUnpaid }
            let orderID = try order.decode(column: "id", as: Int.self)
            guard try order.decode(column: "status", as: Int.self) == 1 else { return .notUnpaid }
            let now = services.clock.now()
            guard now >= (try order.decode(column: "pay_deadline", as: Date.self)) else { return .notDue }
            let itemID = try order.decode(column: "item_id", as: Int.self)
            var plan = WritePlan()
            plan.require("""
                UPDATE auction_orders SET status = 4, update_time = \(bind: now) WHERE id = \(bind: orderID) AND status = 1
                """, touches: 1) { _ in nil }
            plan.write("""
                UPDATE auction_items SET status = \(bind: AuctionSchedule.LotStatus.overdue.rawValue), version = version + 1, update_time = \(bind: now)
                WHERE id = \(bind: itemID)
                """)
            plan.write("UPDATE auction_bids SET status = 3, update_time = \(bind: now) WHERE item_id = \(bind: itemID) AND status = 2")
            var amount: Int64 = 0
            if let depositID = try order.decode(column: "deposit_id", as: Int?.self), let balance = try order.decode(column: "balance", as: Int64?.self) {
                amount = AuctionPayment.overdueDeduction(depositRemaining: balance, isSessionDeposit: try order.decode(column: "deposit_type", as: Int?.self) == 2,
                                                         lotDeposit: try order.decode(column: "lot_deposit", as: Int64.self))
                if amount > 0 {
                    plan.require("""
                        UPDATE auction_deposits SET balance = balance - \(bind: amount), update_time = \(bind: now)
                        WHERE id = \(bind: depositID) AND balance = \(bind: balance)
                        """, touches: 1) { _ in nil }
                    plan.write("""
                        INSERT INTO auction_deposit_deductions (order_id, deposit_id, amount, deduct_type, create_time, update_time)
                        VALUES (\(bind: orderID), \(bind: depositID), \(bind: amount), 1, \(bind: now), \(bind: now))
                        """)
                }
            }
            do {
                try await services.planExecutor.execute(plan)
                // What the forfeit left of a session deposit comes back once nothing else in the session needs it.
                try await AuctionDepositRefunds(services: services).refundSessionDeposits(
                    auctionID: try order.decode(column: "auction_id", as: Int.self), userID: try order.decode(column: "user_id", as: Int.self))
                try await services.auctionLive.announce(itemID: itemID, services: services)
                return .forfeited(amount: amount)
            } catch let error where error is PlanShortfall || error.isTransientConflict {
                continue
            }
        }
        throw AuctionsError.busy
    }
}
