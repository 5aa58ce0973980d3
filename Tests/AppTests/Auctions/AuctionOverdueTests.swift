import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// A won lot not paid within 24 hours: the order, lot and winning bid marked overdue, the deposit forfeited, once.
@Suite struct AuctionOverdueTests {
    /// A lot won by A at ¥1,000 and settled; the order's serial number.
    static func wonLot(_ env: TestEnvironment, _ clock: ManualClock) async throws -> (lot: LiveLot, winner: Int, order: String) {
        let lot = try await env.liveLot()
        let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
        try await AuctionHouse(services: env.services).bid(userID: a, itemID: lot.item, maximum: 1_000_00)
        clock.advance(by: 3_601)
        guard case .sold(let order) = try await AuctionSettlement(services: env.services).settle(itemID: lot.item) else {
            throw AuctionsError.unknownLot
        }
        return (lot, a, order)
    }

    @Test func anUnpaidOrderPastItsDeadlineForfeitsTheDeposit() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup
            let won = try await Self.wonLot(env, clock)
            clock.advance(by: 24 * 3_600)
            // act
            let outcome = try await AuctionOverdue(services: env.services).run(orderUID: won.order)
            // check: ¥100 forfeited, everything marked 逾期
            #expect(outcome == .forfeited(amount: 100_00))
            #expect(try await env.auctionOrder(item: won.lot.item)?.status == 4)
            #expect(try await AuctionHouse(services: env.services).lot(won.lot.item)?.status == .overdue)
            let deposit = try await env.services.sql().raw("SELECT balance FROM auction_deposits WHERE user_id = \(bind: won.winner)").first()!
            #expect(try deposit.decode(column: "balance", as: Int64.self) == 0)
            let bids = try await env.services.sql().raw("SELECT COUNT(*) AS n FROM auction_bids WHERE status = 3").first()!
            #expect(try bids.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test func beforeTheDeadlineNothingHappens() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup
            let won = try await Self.wonLot(env, clock)
            clock.advance(by: 23 * 3_600)
            // act
            let outcome = try await AuctionOverdue(services: env.services).run(orderUID: won.order)
            // check
            #expect(outcome == .notDue)
            #expect(try await env.auctionOrder(item: won.lot.item)?.status == 1)
        }
    }

    @Test func runningTheJobTwiceForfeitsOnce() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup
            let won = try await Self.wonLot(env, clock)
            clock.advance(by: 24 * 3_600)
            let overdue = AuctionOverdue(services: env.services)
            // act
            _ = try await overdue.run(orderUID: won.order)
            let again = try await overdue.run(orderUID: won.order)
            // check
            #expect(again == .notUnpaid)
            let deductions = try await env.services.sql().raw("SELECT COUNT(*) AS n FROM auction_deposit_deductions").first()!
            #expect(try deductions.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test func settlementQueuesTheDeadline() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // act
            _ = try await Self.wonLot(env, clock)
            // check
            #expect(try await env.jobCount(kind: AuctionOverdue.job) == 1)
        }
    }
}
