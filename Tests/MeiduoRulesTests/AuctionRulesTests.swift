import Foundation
import Testing
@testable import MeiduoRules

/// The auction house's pure rules (seed 001): schedule, bidding with proxies and anti-sniping, settlement, the four
/// payment cases, overdue forfeits and the session-deposit refund.
@Suite struct AuctionRulesTests {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    var times: AuctionSchedule.Times {
        AuctionSchedule.Times(previewStart: t0, auctionStart: t0.addingTimeInterval(3_600), auctionEnd: t0.addingTimeInterval(7_200))
    }

    @Test func aSessionMovesThroughItsStatusesByTheClock() {
        // act
        let statuses = [-1.0, 0, 3_599, 3_600, 7_199, 7_200].map { AuctionSchedule.status(times, at: t0.addingTimeInterval($0)) }
        // check
        #expect(statuses == [.upcoming, .previewing, .previewing, .live, .live, .ended])
    }

    @Test func aStaleStoredStatusIsCorrectedButNeverMovedBack() {
        // act: the job that should have started the auction has not run; a stored 已结束 read early
        let stale = AuctionSchedule.current(stored: .previewing, times, at: t0.addingTimeInterval(4_000))
        let ahead = AuctionSchedule.current(stored: .ended, times, at: t0.addingTimeInterval(4_000))
        // check
        #expect(stale == .live && ahead == .ended)
    }

    @Test func bidsAreTakenOnlyWhileTheLotIsLive() {
        // setup: the lot's end pushed two minutes past the session's
        let lotEnd = t0.addingTimeInterval(7_320)
        // act
        let early = AuctionSchedule.acceptsBids(stored: .previewing, session: times, lotEnd: lotEnd, at: t0.addingTimeInterval(3_599))
        let extended = AuctionSchedule.acceptsBids(stored: .live, session: times, lotEnd: lotEnd, at: t0.addingTimeInterval(7_300))
        let over = AuctionSchedule.acceptsBids(stored: .live, session: times, lotEnd: lotEnd, at: lotEnd)
        let settled = AuctionSchedule.acceptsBids(stored: .sold, session: times, lotEnd: lotEnd, at: t0.addingTimeInterval(4_000))
        // check
        #expect(!early && extended && !over && !settled)
    }

    @Test func theFirstBidLeadsAtTheStartPrice() throws {
        // act
        let first = try Bidding.apply(maximum: 500, by: 1, to: nil, start: 100, increment: 10).get()
        // check
        #expect(first.standing == Bidding.Standing(price: 100, leader: 1, leaderMax: 500))
        #expect(first.entries == [Bidding.Entry(bidder: 1, price: 100, automatic: false)])
    }

    @Test func aBidUnderTheNextStepIsRefused() {
        // setup
        let standing = Bidding.Standing(price: 200, leader: 1, leaderMax: 200)
        // act
        let low = Bidding.apply(maximum: 209, by: 2, to: standing, start: 100, increment: 10)
        let first = Bidding.apply(maximum: 99, by: 2, to: nil, start: 100, increment: 10)
        // check
        #expect(low.failure == .tooLow && first.failure == .tooLow)
        #expect(Bidding.minimumBid(standing: standing, start: 100, increment: 10) == 210)
    }

    @Test func aChallengerAboveTheProxyLeadsOneIncrementOverIt() throws {
        // setup: 1 leads at 100 with a maximum of 300
        let standing = Bidding.Standing(price: 100, leader: 1, leaderMax: 300)
        // act
        let passed = try Bidding.apply(maximum: 500, by: 2, to: standing, start: 100, increment: 10).get()
        // check: the proxy went to 300, the challenger leads at 310 (visible), keeping 500 hidden
        #expect(passed.standing == Bidding.Standing(price: 310, leader: 2, leaderMax: 500))
        #expect(passed.entries == [Bidding.Entry(bidder: 1, price: 300, automatic: true), Bidding.Entry(bidder: 2, price: 310, automatic: true)])
    }

    @Test func aPlainBidThatTakesTheLeadSetsThePriceToItself() throws {
        // setup: 1 leads at 100 with a maximum of 300
        let standing = Bidding.Standing(price: 100, leader: 1, leaderMax: 300)
        // act: 2 bids 500 at that price (出价), not as a proxy
        let passed = try Bidding.apply(maximum: 500, by: 2, to: standing, start: 100, increment: 10, plain: true).get()
        // check: the proxy went to 300; 2 leads at the 500 they bid
        #expect(passed.standing == Bidding.Standing(price: 500, leader: 2, leaderMax: 500))
        #expect(passed.entries == [Bidding.Entry(bidder: 1, price: 300, automatic: true), Bidding.Entry(bidder: 2, price: 500, automatic: false)])
    }

    @Test func theProxyAnswersAChallengerUnderIt() throws {
        // setup
        let standing = Bidding.Standing(price: 100, leader: 1, leaderMax: 300)
        // act
        let answered = try Bidding.apply(maximum: 250, by: 2, to: standing, start: 100, increment: 10).get()
        // check: min(300, 250 + 10)
        #expect(answered.standing == Bidding.Standing(price: 260, leader: 1, leaderMax: 300))
        #expect(answered.entries.last == Bidding.Entry(bidder: 1, price: 260, automatic: true))
    }

    @Test func anEarlierMaximumWinsATie() throws {
        // setup
        let standing = Bidding.Standing(price: 100, leader: 1, leaderMax: 300)
        // act
        let tie = try Bidding.apply(maximum: 300, by: 2, to: standing, start: 100, increment: 10).get()
        // check
        #expect(tie.standing == Bidding.Standing(price: 300, leader: 1, leaderMax: 300))
    }

    @Test func aLeaderRaisingTheirMaximumNeverMovesThePrice() throws {
        // setup
        let standing = Bidding.Standing(price: 260, leader: 1, leaderMax: 300)
        // act
        let raised = try Bidding.apply(maximum: 900, by: 1, to: standing, start: 100, increment: 10).get()
        let lower = Bidding.apply(maximum: 280, by: 1, to: standing, start: 100, increment: 10)
        // check
        #expect(raised.standing == Bidding.Standing(price: 260, leader: 1, leaderMax: 900) && raised.entries.isEmpty)
        #expect(lower.failure == .notAboveOwnMaximum)
    }

    @Test func aLateBidExtendsTheLotUpToTheCap() {
        // setup: 120 s window, 300 s extension, at most 2 extensions
        let rule = Bidding.AntiSniping(window: 120, extendBy: 300, cap: 2)
        let end = t0.addingTimeInterval(600)
        // act
        let early = rule.end(after: t0, currentEnd: end, extensionsSoFar: 0)
        let late = rule.end(after: end.addingTimeInterval(-60), currentEnd: end, extensionsSoFar: 0)
        let capped = rule.end(after: end.addingTimeInterval(-60), currentEnd: end, extensionsSoFar: 2)
        // check
        #expect(early.end == end && !early.extended)
        #expect(late.end == end.addingTimeInterval(240) && late.extended)
        #expect(capped.end == end && !capped.extended)
    }

    @Test func aLotIsSoldOnlyAtOrAboveItsReserve() {
        // act
        let sold = Bidding.settle(standing: .init(price: 500, leader: 1, leaderMax: 500), reserve: 500)
        let short = Bidding.settle(standing: .init(price: 490, leader: 1, leaderMax: 600), reserve: 500)
        let none = Bidding.settle(standing: nil, reserve: nil)
        // check
        #expect(sold == .sold && short == .unsold && none == .unsold)
    }

    @Test func aDepositMustCoverTheLot() {
        // act
        let lotPaid = Bidding.depositCovers(lotDeposit: 200, sessionDeposit: 1_000, paidForLot: 200, paidForSession: 0)
        let sessionPaid = Bidding.depositCovers(lotDeposit: 200, sessionDeposit: 1_000, paidForLot: 0, paidForSession: 1_000)
        let nothing = Bidding.depositCovers(lotDeposit: 200, sessionDeposit: 1_000, paidForLot: 100, paidForSession: 0)
        let free = Bidding.depositCovers(lotDeposit: 0, sessionDeposit: 0, paidForLot: 0, paidForSession: 0)
        // check
        #expect(lotPaid && sessionPaid && !nothing && free)
    }

    @Test func aCouponCoveringTheHammerPriceReleasesTheDeposit() {
        // act
        let plan = AuctionPayment.plan(hammer: 300, coupon: 500, deposit: 200, depositHeldForOthers: false, balance: 0)
        // check
        #expect(plan.paymentCase == .coveredByCoupon && plan.couponOff == 300 && plan.depositRefunded == 200 && plan.isPaidNow)
    }

    @Test func aDepositThatMatchesIsDeductedWhole() {
        // act
        let plan = AuctionPayment.plan(hammer: 1_000, coupon: 100, deposit: 900, depositHeldForOthers: false, balance: 0)
        // check
        #expect(plan.paymentCase == .coveredByDeposit && plan.depositDeducted == 900 && plan.depositRefunded == 0 && plan.isPaidNow)
    }

    @Test func aLargerDepositIsPartlyRefundedUnlessItStillCoversOtherOrders() {
        // act
        let lot = AuctionPayment.plan(hammer: 500, coupon: 0, deposit: 2_000, depositHeldForOthers: false, balance: 0)
        let session = AuctionPayment.plan(hammer: 500, coupon: 0, deposit: 2_000, depositHeldForOthers: true, balance: 0)
        // check
        #expect(lot.paymentCase == .depositLeftOver && lot.depositDeducted == 500 && lot.depositRefunded == 1_500)
        #expect(session.depositDeducted == 500 && session.depositRefunded == 0 && session.depositKept == 1_500)
    }

    @Test func theRestIsPaidFromTheBalanceThenAProvider() {
        // act
        let plan = AuctionPayment.plan(hammer: 5_000, coupon: 300, deposit: 1_000, depositHeldForOthers: false, balance: 2_500)
        // check: 5000 − 300 − 1000 = 3700, 2500 from the wallet, 1200 through WeChat Pay or Alipay
        #expect(plan.paymentCase == .remainderDue && plan.depositDeducted == 1_000 && plan.balancePaid == 2_500 && plan.providerDue == 1_200)
    }

    @Test func anOverdueOrderForfeitsTheDepositThatCoveredTheLot() {
        // act
        let lot = AuctionPayment.overdueDeduction(depositRemaining: 200, isSessionDeposit: false, lotDeposit: 200)
        let session = AuctionPayment.overdueDeduction(depositRemaining: 1_000, isSessionDeposit: true, lotDeposit: 300)
        let sessionOnly = AuctionPayment.overdueDeduction(depositRemaining: 1_000, isSessionDeposit: true, lotDeposit: 0)
        // check
        #expect(lot == 200 && session == 300 && sessionOnly == 1_000)
    }

    @Test func aSessionDepositWaitsForTheEndAndEveryOrderPaid() {
        // act
        let running = AuctionPayment.sessionDepositRefundable(sessionEnded: false, unpaidOrdersInSession: 0)
        let unpaid = AuctionPayment.sessionDepositRefundable(sessionEnded: true, unpaidOrdersInSession: 1)
        let done = AuctionPayment.sessionDepositRefundable(sessionEnded: true, unpaidOrdersInSession: 0)
        // check
        #expect(!running && !unpaid && done)
    }

    @Test func payTypesNameTheProvidersBothWays() {
        // setup
        let methods: [PayMethod?] = [.wechat, nil, .alipay]
        // act
        let types = methods.map(AuctionPayment.payType)
        let back = [1, 2, 3].map { AuctionPayment.method(payType: $0) }
        // check: 1 微信, 2 余额 (no provider), 3 支付宝
        #expect(types == [1, 2, 3])
        #expect(back == methods)
    }
}

extension Result {
    /// The refusal, for checks.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

@Suite struct AuctionRescheduleRuleTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func times(_ preview: TimeInterval, _ start: TimeInterval, _ end: TimeInterval) -> AuctionSchedule.Times {
        .init(previewStart: now.addingTimeInterval(preview), auctionStart: now.addingTimeInterval(start), auctionEnd: now.addingTimeInterval(end))
    }

    @Test func aSessionNotYetOpenTakesNewTimesInOrderWithTheStartAhead() {
        // act
        let moved = AuctionSchedule.refusal(rescheduling: times(60, 120, 180), to: times(0, 600, 1_200), bids: 0, at: now)
        let backwards = AuctionSchedule.refusal(rescheduling: times(60, 120, 180), to: times(0, 1_200, 600), bids: 0, at: now)
        let past = AuctionSchedule.refusal(rescheduling: times(60, 120, 180), to: times(-60, -1, 600), bids: 0, at: now)
        // check
        #expect(moved == nil && backwards == .notOrdered && past == .startPassed)
    }

    @Test func anOpenedOrBidUponSessionKeepsItsTimesButMayKeepThemUnchanged() {
        // act
        let started = AuctionSchedule.refusal(rescheduling: times(-120, -60, 180), to: times(-120, -60, 600), bids: 0, at: now)
        let bids = AuctionSchedule.refusal(rescheduling: times(60, 120, 180), to: times(60, 120, 600), bids: 1, at: now)
        let same = AuctionSchedule.refusal(rescheduling: times(-120, -60, 180), to: times(-120, -60, 180), bids: 3, at: now)
        // check
        #expect(started == .started && bids == .bidsPlaced && same == nil)
    }
}
