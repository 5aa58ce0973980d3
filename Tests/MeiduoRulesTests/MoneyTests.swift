import Testing
@testable import MeiduoRules

@Test func moneyFormatsCentsWithTwoDecimals() {
    // setup
    let amounts: [Int64] = [378_800, 5, -150, 0, 100, 1_230, -5]
    // act
    let texts = amounts.map { Money.format(cents: $0) }
    // check
    #expect(texts == ["3788.00", "0.05", "-1.50", "0.00", "1.00", "12.30", "-0.05"])
}

@Test func moneyFormatsInt64Extremes() {
    // setup
    let extremes: [Int64] = [.max, .min]
    // act
    let texts = extremes.map { Money.format(cents: $0) }
    // check
    #expect(texts == ["92233720368547758.07", "-92233720368547758.08"])
}

@Test func moneyParsesPlainAndDecimalAmounts() {
    // setup
    let inputs = ["3788", "3788.0", "3788.00", "0.5", " 12.30 ", "0", "0.05", "007.10", "-1.50", "\t9\n"]
    // act
    let cents = inputs.map(Money.parse)
    // check
    #expect(cents == [378_800, 378_800, 378_800, 50, 1_230, 0, 5, 710, -150, 900])
}

@Test func moneyParsesFifteenIntegerDigits() {
    // setup
    let largest = "999999999999999.99"
    // act
    let cents = Money.parse(largest)
    // check
    #expect(cents == 99_999_999_999_999_999)
}

@Test func moneyRejectsMalformedAmounts() {
    // setup
    let inputs = [
        "", "   ", "abc", "1.234", "1e5", "--1", "-", "+1", ".5", "5.", "1.2.3",
        "1,000", "1 000", "0x10", "¥12", "12元", "１２", "١٢", "- 1", "NaN",
    ]
    // act
    let parsed = inputs.map(Money.parse)
    // check
    #expect(parsed.allSatisfy { $0 == nil })
}

@Test func moneyRejectsMoreThanFifteenIntegerDigits() {
    // setup
    let sixteenDigits = "1234567890123456"
    // act
    let cents = Money.parse(sixteenDigits)
    // check
    #expect(cents == nil)
}

@Test func moneyParseReadsBackFormattedText() {
    // setup
    let amounts: [Int64] = [0, 1, 99, 100, 378_800, -150, 99_999_999_999_999_999]
    // act
    let roundTripped = amounts.map { Money.parse(Money.format(cents: $0)) }
    // check
    #expect(roundTripped == amounts)
}

@Test func moneyPercentOfRoundsHalfUpToTheCent() {
    // setup
    let cases: [(cents: Int64, percent: Int)] = [(5, 50), (3, 50), (999, 15), (999, 10), (149, 1), (150, 1), (1, 49)]
    // act
    let results = cases.map { Money.percentOf(cents: $0.cents, percent: $0.percent) }
    // check: 2.5→3, 1.5→2, 149.85→150, 99.9→100, 1.49→1, 1.5→2, 0.49→0
    #expect(results == [3, 2, 150, 100, 1, 2, 0])
}

@Test func moneyPercentOfRoundsNegativeHalvesAwayFromZero() {
    // setup
    let cents: Int64 = -5
    // act
    let result = Money.percentOf(cents: cents, percent: 50)
    // check
    #expect(result == -3)
}

@Test func moneyPercentOfHandlesZeroWholeAndOverHundredPercent() {
    // setup
    let cents: Int64 = 378_800
    // act
    let results = [0, 100, 200, 95].map { Money.percentOf(cents: cents, percent: $0) }
    // check
    #expect(results == [0, 378_800, 757_600, 359_860])
}

@Test func moneyPercentOfAvoidsIntermediateOverflow() {
    // setup
    let cents = Int64.max
    // act
    let results = [100, 50].map { Money.percentOf(cents: cents, percent: $0) }
    // check: (2^63 - 1) / 2 = ...903.5 rounds up
    #expect(results == [.max, 4_611_686_018_427_387_904])
}
