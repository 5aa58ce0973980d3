import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// A won lot not paid within 24 hours: the order, lot and winning bid marked overdue, the deposit forfeited, once.
@Suite struct AuctionOverdueTests {
    @Test func anUnpaidOrderPastItsDeadlineForfeitsTheDeposit() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup
            let won = try await AuctionPaymentTests.won(env, clock)
            clock.advance(by: 24 * 3_600)
            // act
            let outcome = try await AuctionOverdue(services: env.services).run(orderUID: won.orderUID)
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
            let won = try await AuctionPaymentTests.won(env, clock)
            clock.advance(by: 23 * 3_600)
            // act
            let outcome = try await AuctionOverdue(services: env.services).run(orderUID: won.orderUID)
            // check
            #expect(outcome == .notDue)
            #expect(try await env.auctionOrder(item: won.lot.item)?.status == 1)
        }
    }

    @Test func runningTheJobTwiceForfeitsOnce() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup
            let won = try await AuctionPaymentTests.won(env, clock)
            clock.advance(by: 24 * 3_600)
            let overdue = AuctionOverdue(services: env.services)
            // act
            _ = try await overdue.run(orderUID: won.orderUID)
            let again = try await overdue.run(orderUID: won.orderUID)
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
            _ = try await AuctionPaymentTests.won(env, clock)
            // check
            #expect(try await env.jobCount(kind: AuctionOverdue.job) == 1)
        }
    }
}
