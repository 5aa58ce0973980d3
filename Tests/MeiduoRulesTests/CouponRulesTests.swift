import Foundation
import Testing
@testable import MeiduoRules

@Suite struct CouponRulesTests {
    @Test func saleFormulasReadAsDiscounts() {
        // act / check: seed 002's two forms
        #expect(CouponRules.discount(sale: "*0.82") == .rate(numerator: 82, denominator: 100))
        #expect(CouponRules.discount(sale: "-10") == .amountOff(10_00))
        #expect(CouponRules.discount(sale: "-9.90") == .amountOff(9_90))
    }

    @Test func nonsenseFormulasAreRefused() {
        // act / check
        for sale in ["", "*", "*1.2", "*0", "+10", "-0", "-abc", "*0.12345", "10"] {
            #expect(CouponRules.discount(sale: sale) == nil, "\(sale)")
        }
    }

    @Test func anUnusedCouponPastItsEndReadsExpiredBeforeAnyJob() {
        // setup
        let end = Date(timeIntervalSince1970: 1_000)
        // act / check
        #expect(CouponRules.Status.unused.effective(endTime: end, now: Date(timeIntervalSince1970: 999)) == .unused)
        #expect(CouponRules.Status.unused.effective(endTime: end, now: Date(timeIntervalSince1970: 1_000)) == .expired)
        #expect(CouponRules.Status.used.effective(endTime: end, now: Date(timeIntervalSince1970: 2_000)) == .used)
    }

    @Test func aRestoredCouponIsUnusedOnlyInsideItsValidity() {
        // setup
        let end = Date(timeIntervalSince1970: 1_000)
        // act / check
        #expect(CouponRules.Status.restored(endTime: end, now: Date(timeIntervalSince1970: 10)) == .unused)
        #expect(CouponRules.Status.restored(endTime: end, now: Date(timeIntervalSince1970: 5_000)) == .expired)
    }

    @Test func validityRunsTimerDaysFromWhenTheCouponWasGot() {
        // setup
        let got = Date(timeIntervalSince1970: 0)
        // act
        let (start, end) = CouponRules.validity(gotAt: got, timerDays: 7, fixedStart: nil, fixedEnd: nil)
        // check
        #expect(start == got)
        #expect(end == Date(timeIntervalSince1970: 7 * 86_400))
    }

    @Test func aThresholdInYuanIsComparedWithTheGoodsAmount() {
        // setup
        let now = Date(timeIntervalSince1970: 100)
        func refusal(_ goods: Int64) -> CouponRules.Refusal? {
            CouponRules.refusal(status: .unused, start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 1_000),
                                thresholdYuan: 100, goodsAmount: goods, inScope: true, now: now)
        }
        // act / check
        #expect(refusal(99_99) == .belowThreshold)
        #expect(refusal(100_00) == nil)
    }

    @Test func campaignStatusFollowsItsWindow() {
        // setup
        let start = Date(timeIntervalSince1970: 100), stop = Date(timeIntervalSince1970: 200)
        // act / check
        #expect(CampaignStatus.at(Date(timeIntervalSince1970: 99), start: start, stop: stop) == .notStarted)
        #expect(CampaignStatus.at(Date(timeIntervalSince1970: 100), start: start, stop: stop) == .claiming)
        #expect(CampaignStatus.at(Date(timeIntervalSince1970: 200), start: start, stop: stop) == .ended)
    }

    @Test func creditsAreCappedByTheShareAndTheBalance() {
        // setup: 10 credits a yuan, at most 50 % of ¥99.99
        let rules = CreditRules()
        // act / check: 50 % is ¥49.99 (4999 cents) → 499 credits
        #expect(rules.maxUsable(balance: 10_000, goodsAfterDiscount: 99_99) == 499)
        #expect(rules.maxUsable(balance: 120, goodsAfterDiscount: 99_99) == 120)
        #expect(rules.value(499) == 49_90)
        #expect(rules.earned(paidCents: 99_99) == 99)
    }
}
