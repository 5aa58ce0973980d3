import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// Settling a lot when it ends: 成交 with an order, or 流拍; the losers' deposits back; exactly once however often it runs.
@Suite struct AuctionSettlementTests {
    /// A lot where A leads at ¥1,100 after B's ¥1,000, past its end.
    static func contested(_ env: TestEnvironment, _ clock: ManualClock) async throws -> (lot: LiveLot, a: Int, b: Int) {
        let lot = try await env.liveLot()
        let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
        let b = try await env.bidder("bidderB", mobile: "13800000002", lot: lot)
        let house = AuctionHouse(services: env.services)
        try await house.bid(userID: b, itemID: lot.item, maximum: 1_000_00)
        try await house.bid(userID: a, itemID: lot.item, maximum: 1_100_00)
        clock.advance(by: 3_601)
        return (lot, a, b)
    }

    @Test func aLotAtItsReserveIsSoldToTheLeader() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: A leads at ¥1,100 after B's ¥1,000
            let (lot, a, _) = try await Self.contested(env, clock)
            let house = AuctionHouse(services: env.services)
            // act
            let outcome = try await AuctionSettlement(services: env.services).settle(itemID: lot.item)
            // check: an unpaid order for A at the hammer price, due in 24 hours; the lot and the winning bid marked
            guard case .sold = outcome else { Issue.record("not sold: \(outcome)"); return }
            let order = try #require(try await env.auctionOrder(item: lot.item))
            #expect(order.user == a && order.price == 1_100_00 && order.status == 1)
            #expect(order.deadline == clock.now.addingTimeInterval(24 * 3_600))
            #expect(try await house.lot(lot.item)?.status == .sold)
            let won = try await env.services.sql().raw("SELECT user_id FROM auction_bids WHERE item_id = \(bind: lot.item) AND status = 2").all()
            #expect(try won.map { try $0.decode(column: "user_id", as: Int.self) } == [a])
        }
    }

    @Test func theLosersDepositsComeBackAndTheWinnerKeepsTheirs() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup
            let (lot, a, b) = try await Self.contested(env, clock)
            // act
            _ = try await AuctionSettlement(services: env.services).settle(itemID: lot.item)
            // check: B has their ¥100 back, A's stays as the deposit of the order; both ledgers balance
            #expect(try await env.balance(.wallet, of: b) == 100_00)
            #expect(try await env.balance(.wallet, of: a) == 0)
            #expect(try await env.ledgerBalances(.wallet, of: b))
            let refunds = try await env.services.sql().raw("SELECT COUNT(*) AS n FROM auction_deposit_refunds").first()!
            #expect(try refunds.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test func aLotUnderItsReserveIsUnsoldAndEveryDepositComesBack() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: a reserve of ¥5,000, one bid at ¥1,000
            let lot = try await env.liveLot(reserve: 5_000_00)
            let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
            try await AuctionHouse(services: env.services).bid(userID: a, itemID: lot.item, maximum: 1_000_00)
            clock.advance(by: 3_601)
            // act
            let outcome = try await AuctionSettlement(services: env.services).settle(itemID: lot.item)
            // check
            #expect(outcome == .unsold)
            #expect(try await AuctionHouse(services: env.services).lot(lot.item)?.status == .unsold)
            #expect(try await env.auctionOrder(item: lot.item) == nil)
            #expect(try await env.balance(.wallet, of: a) == 100_00)
        }
    }

    @Test func settlingAgainOrAtOnceChangesNothing() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup
            let lot = try await env.liveLot()
            let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
            let b = try await env.bidder("bidderB", mobile: "13800000002", lot: lot)
            try await AuctionHouse(services: env.services).bid(userID: a, itemID: lot.item, maximum: 1_000_00)
            clock.advance(by: 3_601)
            let settlement = AuctionSettlement(services: env.services)
            // act: three runs at once, then one more
            async let first = settlement.settle(itemID: lot.item)
            async let second = settlement.settle(itemID: lot.item)
            async let third = settlement.settle(itemID: lot.item)
            let together = try await [first, second, third]
            let later = try await settlement.settle(itemID: lot.item)
            // check: one sale, one order, B refunded once
            #expect(together.filter { if case .sold = $0 { return true } else { return false } }.count == 1)
            #expect(later == .alreadySettled)
            let orders = try await env.services.sql().raw("SELECT COUNT(*) AS n FROM auction_orders").first()!
            #expect(try orders.decode(column: "n", as: Int.self) == 1)
            #expect(try await env.balance(.wallet, of: b) == 100_00)
        }
    }

    @Test func aJobAtAnEndThatMovedWaitsForTheNewEnd() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: a bid a minute before the end moves it five minutes on
            let lot = try await env.liveLot()
            let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
            clock.advance(by: 3_540)
            let accepted = try await AuctionHouse(services: env.services).bid(userID: a, itemID: lot.item, maximum: 1_000_00)
            clock.advance(by: 61)
            // act: the job of the first end runs
            let outcome = try await AuctionSettlement(services: env.services).settle(itemID: lot.item)
            // check: not settled; a job waits for the new end
            #expect(outcome == .notYet(accepted.end))
            #expect(try await AuctionHouse(services: env.services).lot(lot.item)?.status.isSettled == false)
            #expect(try await env.jobCount(kind: AuctionSettlement.job) == 2)
        }
    }
}

extension TestEnvironment {
    func auctionOrder(item: Int) async throws -> (user: Int, price: Int64, status: Int, deadline: Date)? {
        try await services.sql().raw("SELECT user_id, price, status, pay_deadline FROM auction_orders WHERE item_id = \(bind: item)").first().map {
            (try $0.decode(column: "user_id", as: Int.self), try $0.decode(column: "price", as: Int64.self),
             try $0.decode(column: "status", as: Int.self), try $0.decode(column: "pay_deadline", as: Date.self))
        }
    }
}
