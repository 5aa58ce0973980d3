import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Settling a lot when it ends (seed 001's scheduled task): sold to the leader when the price reaches the reserve — an
/// order with a 24-hour payment deadline, the winning bid marked 成交, the session's deal total — otherwise 流拍; and
/// the lot deposits of everyone who did not win come back. All in one plan guarded on the lot being unsettled at the
/// version read, so any number of runs, at once or again later, settle it exactly once.
public struct AuctionSettlement: Sendable {
    public static let job = "auctions.settle_lot"

    public struct LotPayload: Codable, Sendable {
        public let item_id: Int
    }

    public enum Outcome: Sendable, Equatable {
        /// Anti-sniping moved the end: a settlement job waits for the new one.
        case notYet(Date)
        case alreadySettled
        case sold(orderUID: String)
        case unsold
    }

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    var house: AuctionHouse { AuctionHouse(services: services) }

    /// The settlement job for a lot's end (one per end: a later end gets its own).
    static func scheduleStatement(itemID: Int, at end: Date, now: Date) throws -> SQLQueryString {
        try JobQueue.insertStatement(job, payload: LotPayload(item_id: itemID), runAt: end,
                                     uniqueKey: "settle:\(itemID):\(Int64(end.timeIntervalSince1970))", now: now)
    }

    public func settle(itemID: Int) async throws -> Outcome {
        for _ in 0..<20 {
            guard let lot = try await house.lot(itemID) else { throw AuctionsError.unknownLot }
            if lot.status.isSettled { return .alreadySettled }
            let now = services.clock.now()
            if now < lot.end {
                try await services.sql().raw(Self.scheduleStatement(itemID: itemID, at: lot.end, now: now)).run()
                return .notYet(lot.end)
            }
            let status = Bidding.settle(standing: lot.standing, reserve: try await reserve(itemID))
            let orderUID = "A" + AuctionHouse.serial(now)
            do {
                try await services.planExecutor.execute(try await plan(lot, status: status, orderUID: orderUID, now: now))
                // The session's last lot settled with nothing unpaid: its session deposits come back.
                try await AuctionDepositRefunds(services: services).refundSessionDeposits(auctionID: lot.auctionID)
                try await services.auctionLive.announce(itemID: itemID, services: services)
                return status == .sold ? .sold(orderUID: orderUID) : .unsold
            } catch let error where error is PlanShortfall || error.isTransientConflict
                                    || (error as? any DatabaseError)?.isConstraintFailure == true {
                continue  // a bid or another run got there first: read it again
            }
        }
        throw AuctionsError.busy
    }

    func reserve(_ itemID: Int) async throws -> Int64? {
        try await services.readSQL().raw("SELECT reserve_price FROM auction_items WHERE id = \(bind: itemID)").first()?
            .decode(column: "reserve_price", as: Int64?.self)
    }

    func plan(_ lot: AuctionHouse.Lot, status: AuctionSchedule.LotStatus, orderUID: String, now: Date) async throws -> WritePlan {
        var plan = WritePlan()
        let winner = status == .sold ? lot.standing : nil
        plan.require("""
            UPDATE auction_items SET status = \(bind: status.rawValue), deal_price = \(bind: winner?.price), version = version + 1,
                   update_time = \(bind: now)
            WHERE id = \(bind: lot.id) AND version = \(bind: lot.version) AND status < \(bind: AuctionSchedule.LotStatus.sold.rawValue)
            """, touches: 1) { _ in nil }
        if let winner {
            plan.write("""
                INSERT INTO auction_orders (uid, user_id, auction_id, item_id, deposit_id, price, status, pay_deadline, create_time, update_time)
                VALUES (\(bind: orderUID), \(bind: winner.leader), \(bind: lot.auctionID), \(bind: lot.id),
                        (SELECT id FROM auction_deposits WHERE user_id = \(bind: winner.leader) AND status = 2
                           AND scope IN (\(bind: "lot:\(lot.id)"), \(bind: "session:\(lot.auctionID)")) ORDER BY deposit_type LIMIT 1),
                        \(bind: winner.price), 1, \(bind: now.addingTimeInterval(AuctionPayment.paymentWindow)), \(bind: now), \(bind: now))
                """)
            plan.write(try AuctionOverdue.scheduleStatement(orderUID: orderUID, deadline: now.addingTimeInterval(AuctionPayment.paymentWindow), now: now))
            plan.write("UPDATE auction_bids SET status = 2, update_time = \(bind: now) WHERE item_id = \(bind: lot.id) AND seq = \(bind: lot.bidCount)")
            plan.write("""
                UPDATE auctions SET total_price = total_price + \(bind: winner.price), update_time = \(bind: now) WHERE id = \(bind: lot.auctionID)
                """)
        }
        plan.append(try await AuctionDepositRefunds(services: services).lotRefundSteps(itemID: lot.id, keepFor: winner?.leader, now: now))
        return plan
    }
}
