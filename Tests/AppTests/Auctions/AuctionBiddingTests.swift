import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// Deposits and bids through `AuctionHouse`: refusals, the standing and history an accepted bid writes, anti-sniping
/// with the test clock, and many bidders at once on one lot.
@Suite struct AuctionBiddingTests {
    @Test func aBidWithoutADepositIsRefused() async throws {
        try await withApp { _, env in
            // setup
            let lot = try await env.liveLot()
            let (user, _) = try await env.loggedInUser()
            // act
            let refusal = await #expect(throws: AuctionsError.self) {
                try await AuctionHouse(services: env.services).bid(userID: user.id!, itemID: lot.item, maximum: 1_000_00)
            }
            // check
            #expect(refusal == .depositRequired)
        }
    }

    @Test func aDepositIsPaidFromTheWalletOnce() async throws {
        try await withApp { _, env in
            // setup
            let lot = try await env.liveLot()
            let (user, _) = try await env.loggedInUser()
            try await env.give(.wallet, 500_00, to: user.id!)
            let house = AuctionHouse(services: env.services)
            // act
            try await house.payDepositFromWallet(userID: user.id!, auctionID: lot.session, itemID: lot.item)
            let again = await #expect(throws: AuctionsError.self) {
                try await house.payDepositFromWallet(userID: user.id!, auctionID: lot.session, itemID: lot.item)
            }
            // check: ¥100 taken once, the ledger agrees
            #expect(again == .depositAlreadyPaid)
            #expect(try await env.balance(.wallet, of: user.id!) == 400_00)
            #expect(try await env.ledgerBalances(.wallet, of: user.id!))
        }
    }

    @Test func aDepositTheWalletCannotCoverIsRefused() async throws {
        try await withApp { _, env in
            // setup
            let lot = try await env.liveLot()
            let (user, _) = try await env.loggedInUser()
            try await env.give(.wallet, 50_00, to: user.id!)
            // act
            let refusal = await #expect(throws: AuctionsError.self) {
                try await AuctionHouse(services: env.services).payDepositFromWallet(userID: user.id!, auctionID: lot.session, itemID: lot.item)
            }
            // check
            #expect(refusal == .insufficientBalance)
            #expect(try await env.balance(.wallet, of: user.id!) == 50_00)
        }
    }

    @Test func aProxyAnswersAChallengerInTheHistory() async throws {
        try await withApp { _, env in
            // setup: bidder A leaves a maximum of ¥1,500 on a lot starting at ¥1,000 by ¥100 steps
            let lot = try await env.liveLot()
            let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
            let b = try await env.bidder("bidderB", mobile: "13800000002", lot: lot)
            let house = AuctionHouse(services: env.services)
            try await house.bid(userID: a, itemID: lot.item, maximum: 1_500_00)
            // act: B bids ¥1,200
            let accepted = try await house.bid(userID: b, itemID: lot.item, maximum: 1_200_00)
            // check: A still leads, at ¥1,300, and the history says so
            #expect(accepted.standing == Bidding.Standing(price: 1_300_00, leader: a, leaderMax: 1_500_00))
            let history = try await house.history(itemID: lot.item)
            #expect(history.map(\.seq) == [1, 2, 3])
            #expect(history.map(\.entry.price) == [1_000_00, 1_200_00, 1_300_00])
            #expect(try await house.lot(lot.item)?.bidCount == 3)
        }
    }

    @Test func aBidAfterTheLotEndsIsRefused() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup
            let lot = try await env.liveLot()
            let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
            clock.advance(by: 3_601)
            // act
            let refusal = await #expect(throws: AuctionsError.self) {
                try await AuctionHouse(services: env.services).bid(userID: a, itemID: lot.item, maximum: 1_000_00)
            }
            // check
            #expect(refusal == .notLive)
        }
    }

    @Test func aBidInTheLastMinutesExtendsTheLot() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: a minute before the end
            let lot = try await env.liveLot()
            let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
            clock.advance(by: 3_540)
            // act
            let accepted = try await AuctionHouse(services: env.services).bid(userID: a, itemID: lot.item, maximum: 1_000_00)
            // check: the lot now ends five minutes after the bid
            #expect(accepted.end == clock.now.addingTimeInterval(300))
            #expect(try await AuctionHouse(services: env.services).lot(lot.item)?.extensions == 1)
        }
    }

    @Test(.heavy) func fiftyBiddersAtOnceLeaveOneConsistentHistory() async throws {
        try await withApp { _, env in
            // setup: 50 bidders with deposits, each leaving a different maximum
            let lot = try await env.liveLot()
            var bidders: [Int] = []
            for n in 0..<50 { bidders.append(try await env.bidder("bidder\(n)", mobile: "1390000\(String(format: "%04d", n))", lot: lot)) }
            let house = AuctionHouse(services: env.services)
            // act
            let outcomes = await withTaskGroup(of: (Int, Int64, Bool, AuctionsError?).self) { group in
                for (n, bidder) in bidders.enumerated() {
                    let maximum = 1_000_00 + Int64((n * 37) % 50) * 100_00
                    group.addTask {
                        do {
                            _ = try await house.bid(userID: bidder, itemID: lot.item, maximum: maximum)
                            return (bidder, maximum, true, nil)
                        } catch {
                            return (bidder, maximum, false, error as? AuctionsError)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            // check: every bid accepted or refused as too low (none lost to the race); the history has no gaps, never goes
            // down, matches the counts; the leader holds the highest accepted maximum
            #expect(outcomes.filter { !$0.2 }.allSatisfy { $0.3 == .bidRefused(.tooLow) || $0.3 == .bidRefused(.notAboveOwnMaximum) })
            let history = try await house.history(itemID: lot.item)
            let final = try #require(try await house.lot(lot.item))
            #expect(history.map(\.seq) == Array(1...history.count))
            #expect(zip(history, history.dropFirst()).allSatisfy { $0.entry.price <= $1.entry.price })
            #expect(final.bidCount == history.count)
            let accepted = outcomes.filter(\.2)
            let top = try #require(accepted.map(\.1).max())
            #expect(final.standing?.leaderMax == top)
            #expect(final.standing?.price == history.last?.entry.price)
            let session = try await env.services.sql().raw("SELECT bid_count FROM auctions WHERE id = \(bind: lot.session)").first()!
            #expect(try session.decode(column: "bid_count", as: Int.self) == history.count)
        }
    }
}

struct LiveLot: Sendable {
    let session: Int
    let item: Int
}

extension TestEnvironment {
    /// A session live for the next hour (no session deposit) with one lot: start ¥1,000, steps of ¥100, deposit ¥100.
    func liveLot(reserve: Int64? = nil) async throws -> LiveLot {
        let now = services.clock.now()
        let house = AuctionHouse(services: services)
        let session = try await house.createSession(.init(title: "春季拍卖会", times: .init(
            previewStart: now.addingTimeInterval(-7_200), auctionStart: now.addingTimeInterval(-60), auctionEnd: now.addingTimeInterval(3_600))))
        let item = try await house.createLot(.init(uid: "A001", title: "青花瓷瓶", start: 1_000_00, unit: 100_00, reserve: reserve,
                                                                    deposit: 100_00), auctionID: session)
        return LiveLot(session: session, item: item)
    }

    /// A user with the lot's deposit paid from their wallet.
    func bidder(_ username: String, mobile: String, lot: LiveLot) async throws -> Int {
        let user = try await createUser(username, mobile: mobile)
        try await give(.wallet, 100_00, to: user.id!)
        try await AuctionHouse(services: services).payDepositFromWallet(userID: user.id!, auctionID: lot.session, itemID: lot.item)
        return user.id!
    }
}
