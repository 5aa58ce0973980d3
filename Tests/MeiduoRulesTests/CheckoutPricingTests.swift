import Testing
@testable import MeiduoRules

@Suite struct CheckoutPricingTests {
    typealias Line = CheckoutPricing.Line

    @Test func goodsAmountAndFreightMakeTheTotal() {
        // setup
        let lines = [Line(key: "1", unitPrice: 11388_00, count: 2), Line(key: "3", unitPrice: 6499_00, count: 1)]
        // act
        let priced = CheckoutPricing.price(lines, freight: 10_00)
        // check
        #expect(priced.goodsAmount == 29275_00)
        #expect(priced.freight == 10_00)
        #expect(priced.totalAmount == 29285_00)
        #expect(priced.payAmount == 29285_00)
    }

    @Test func noLineThatShipsMeansNoFreight() {
        // setup: a course is not shipped
        let lines = [Line(key: "c1", unitPrice: 99_00, count: 1, kind: .course)]
        // act
        let priced = CheckoutPricing.price(lines, freight: 10_00)
        // check
        #expect(priced.freight == 0)
        #expect(!priced.needsShipping)
        #expect(priced.payAmount == 99_00)
    }

    @Test func anAmountOffOverThreeEqualLinesSplits334_333_333() {
        // setup: 减免 10 over three lines of ¥5.00
        let lines = (1...3).map { Line(key: "\($0)", unitPrice: 5_00, count: 1) }
        // act
        let priced = CheckoutPricing.price(lines, freight: 0, adjustments: .init(discount: ("满15减10", .amountOff(10_00))))
        // check
        #expect(priced.lines.map(\.discount) == [3_34, 3_33, 3_33])
        #expect(priced.lines.map(\.realAmount).reduce(0, +) == 5_00)
        #expect(priced.discountName == "满15减10")
    }

    @Test func aRateRoundsWhatIsPaidHalfUpToTheCentOnce() {
        // setup: *0.82 on ¥99.99 is ¥81.9918 to pay → ¥81.99, so ¥18.00 off
        let lines = [Line(key: "1", unitPrice: 99_99, count: 1)]
        // act
        let priced = CheckoutPricing.price(lines, freight: 0, adjustments: .init(discount: ("八二折", .rate(numerator: 82, denominator: 100))))
        // check
        #expect(priced.discount == 18_00)
        #expect(priced.payAmount == 81_99)
    }

    @Test func aScopedDiscountIsWorkedOutOnAndSpreadOverTheLinesItCoversOnly() {
        // setup: a phone (category 115) and a laptop (category 157); 八折 for phones only
        let lines = [Line(key: "1", unitPrice: 100_00, count: 1, tags: ["category:4", "category:157"]),
                     Line(key: "3", unitPrice: 25_00, count: 2, tags: ["category:1", "category:115"])]
        // act
        let priced = CheckoutPricing.price(lines, freight: 0, adjustments: .init(discount: ("手机八折", .rate(numerator: 8, denominator: 10)),
                                                                                   discountScope: .category(115)))
        // check: 20 % of ¥50.00, all of it on the phone line
        #expect(priced.discount == 10_00)
        #expect(priced.lines.map(\.discount) == [0, 10_00])
        #expect(priced.payAmount == 140_00)
    }

    @Test func aCategoryScopeCoversGoodsTaggedWithThatCategoryOnly() {
        // setup
        let phone = Line(key: "3", unitPrice: 1, count: 1, tags: ["category:115"])
        let course = Line(key: "c1", unitPrice: 1, count: 1, kind: .course, tags: ["category:115"])
        // act
        let covered = [CouponScope.category(115).covers(phone), CouponScope.category(157).covers(phone), CouponScope.category(115).covers(course)]
        // check
        #expect(covered == [true, false, false])
    }

    @Test func aRateRoundsAHalfCentUp() {
        // act: ¥0.50 × 0.5 = ¥0.25 exactly; ¥0.25 × 0.5 = ¥0.125 → ¥0.13 to pay
        let off = CheckoutPricing.Discount.rate(numerator: 1, denominator: 2).off(25)
        // check
        #expect(off == 12)
    }

    @Test func aDiscountLargerThanTheGoodsStopsAtZero() {
        // setup
        let lines = [Line(key: "1", unitPrice: 5_00, count: 1)]
        // act
        let priced = CheckoutPricing.price(lines, freight: 10_00, adjustments: .init(discount: ("大券", .amountOff(50_00))))
        // check: the goods are free, the freight is still due
        #expect(priced.discount == 5_00)
        #expect(priced.lines[0].realAmount == 0)
        #expect(priced.payAmount == 10_00)
    }

    @Test func creditsAndBalancePayWhatIsLeftAndNeverGoBelowZero() {
        // setup
        let lines = [Line(key: "1", unitPrice: 30_00, count: 1)]
        // act
        let priced = CheckoutPricing.price(lines, freight: 10_00, adjustments: .init(credits: 15_00, balance: 100_00))
        // check
        #expect(priced.creditAmount == 15_00)
        #expect(priced.balanceAmount == 25_00)
        #expect(priced.payAmount == 0)
    }

    @Test func allocationSumsExactlyForAnySplit() {
        // setup: awkward weights
        let weights: [Int64] = [1, 7, 13, 29, 0, 101]
        for total in Int64(0)...151 {
            // act
            let parts = Allocation.largestRemainder(total, over: weights)
            // check
            #expect(parts.reduce(0, +) == total, "total \(total)")
            #expect(zip(parts, weights).allSatisfy { $0 >= 0 && $0 <= $1 }, "total \(total): \(parts)")
        }
    }

    @Test func allocationOverNothingIsZeros() {
        // act
        let parts = Allocation.largestRemainder(10, over: [0, 0])
        // check
        #expect(parts == [0, 0])
    }
}
