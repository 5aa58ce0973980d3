import Foundation
import Testing
@testable import MeiduoRules

@Suite struct CourseRulesTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let day: TimeInterval = 86_400

    @Test func expireTextNamesMonthsYearsAndPermanent() {
        // act
        let texts = [0, 30, 90, 365, 45].map(CourseRules.expireText(days:))
        // check
        #expect(texts == ["永久有效", "1个月有效", "3个月有效", "1年有效", "45天有效"])
    }

    @Test func aDiscountAppliesOnlyInsideItsWindow() {
        // setup: 八折 for the next ten days
        let discount = CourseRules.Discount(name: "限时折扣", sale: "*0.8", start: now, end: now.addingTimeInterval(10 * day))
        // act
        let before = CourseRules.realPrice(99_00, discount: discount, now: now.addingTimeInterval(-1))
        let inside = CourseRules.realPrice(99_00, discount: discount, now: now)
        let after = CourseRules.realPrice(99_00, discount: discount, now: now.addingTimeInterval(10 * day))
        // check
        #expect([before, inside, after] == [99_00, 79_20, 99_00])
    }

    @Test func aFreeDiscountMakesTheCourseCostNothing() {
        // setup
        let discount = CourseRules.Discount(name: "限时免费", sale: "0", start: now, end: now.addingTimeInterval(day))
        // act
        let price = CourseRules.realPrice(199_00, discount: discount, now: now)
        // check
        #expect(price == 0)
    }

    @Test func renewingBeforeTheEndStacksOnTheEnd() {
        // setup: 10 days left
        let end = now.addingTimeInterval(10 * day)
        // act
        let renewed = CourseRules.extended(currentEnd: end, enrolled: true, days: 30, now: now)
        // check
        #expect(renewed == now.addingTimeInterval(40 * day))
    }

    @Test func renewingAfterTheEndCountsFromNow() {
        // act
        let renewed = CourseRules.extended(currentEnd: now.addingTimeInterval(-5 * day), enrolled: true, days: 30, now: now)
        // check
        #expect(renewed == now.addingTimeInterval(30 * day))
    }

    @Test func aPermanentEnrolmentStaysPermanent() {
        // act
        let renewed = CourseRules.extended(currentEnd: nil, enrolled: true, days: 30, now: now)
        let bought = CourseRules.extended(currentEnd: now.addingTimeInterval(day), enrolled: true, days: nil, now: now)
        // check
        #expect(renewed == nil && bought == nil)
    }

    @Test func accessEndsAtTheEnd() {
        // setup
        let end = now.addingTimeInterval(day)
        // act
        let access = [CourseRules.hasAccess(enrolled: true, end: end, now: now), CourseRules.hasAccess(enrolled: true, end: end, now: end),
                      CourseRules.hasAccess(enrolled: true, end: nil, now: now), CourseRules.hasAccess(enrolled: false, end: nil, now: now)]
        // check
        #expect(access == [true, false, true, false])
    }

    @Test func refundingATimedPurchaseGivesItsDaysBack() {
        // setup: 30 days bought on top of an end 10 days away → 40 days away
        let current = now.addingTimeInterval(40 * day)
        // act
        let end = CourseRules.afterRefund(currentEnd: current, grantDays: 30, previousEnd: now.addingTimeInterval(10 * day), grantTime: now)
        // check
        #expect(end == now.addingTimeInterval(10 * day))
    }

    @Test func refundingTheOnlyPermanentPurchaseEndsAccess() {
        // act
        let end = CourseRules.afterRefund(currentEnd: nil, grantDays: nil, previousEnd: nil, grantTime: now)
        // check
        #expect(end == now)
    }

    @Test func endsAreKeptInWholeSeconds() {
        // setup: bought at a moment with a fraction of a second
        let moment = now.addingTimeInterval(0.73)
        // act
        let end = CourseRules.extended(currentEnd: nil, enrolled: false, days: 30, now: moment)
        let refunded = CourseRules.afterRefund(currentEnd: nil, grantDays: nil, previousEnd: nil, grantTime: moment)
        // check: the fraction dropped, so the end reads back from any database exactly as written
        #expect(end == now.addingTimeInterval(30 * day))
        #expect(refunded == now)
    }
}
