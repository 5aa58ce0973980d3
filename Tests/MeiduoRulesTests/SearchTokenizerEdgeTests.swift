import Testing
@testable import MeiduoRules

@Test func queryEmojiSeparatesAndIsDropped() {
    // setup
    let query = "华为🔥手机 👍🏽 🇨🇳 👨‍👩‍👧"
    // act
    let tokens = SearchTokenizer.queryTokens(query)
    // check
    #expect(tokens == ["华为", "手机"])
}

@Test func queryKeycapDigitAndVariationSelectorAreIgnored() {
    // setup
    let query = "5\u{FE0F}\u{20E3} 葛\u{E0100}城"
    // act
    let tokens = SearchTokenizer.queryTokens(query)
    // check
    #expect(tokens == ["5", "葛城"])
}

@Test func queryAccentedWordStaysOneTokenPrecomposedOrNot() {
    // setup
    let precomposed = "Café"
    let decomposed = "Cafe\u{301}"
    // act
    let tokens = [precomposed, decomposed].map(SearchTokenizer.queryTokens)
    // check
    #expect(tokens[0] == ["café"])
    #expect(tokens[1] == ["café"])  // String == compares canonically
}

@Test func emptyOrPunctuationOnlyTextHasNoTokens() {
    // setup
    let inputs = ["", "   ", "【】！？…", "\n\t"]
    // act
    let results = inputs.map { (SearchTokenizer.indexTokens($0), SearchTokenizer.matchExpression($0)) }
    // check
    #expect(results.allSatisfy { $0.0.isEmpty && $0.1 == nil })
}

@Test func indexRemovesDuplicatesKeepingFirstSeenOrder() {
    // setup
    let name = "手机 手机壳 MI mi"
    // act
    let tokens = SearchTokenizer.indexTokens(name)
    // check
    #expect(tokens == ["手机", "手", "机", "机壳", "壳", "mi"])
}

@Test func indexTextJoinsTokensWithSpaces() {
    // setup
    let name = "华为 P30"
    // act
    let text = SearchTokenizer.indexText(name)
    // check
    #expect(text == "华为 华 为 p30 p 30")
}

@Test func matchExpressionQuotesTokensAndJoinsWithAnd() {
    // setup
    let query = "华为手机 OR p30*"
    // act
    let expression = SearchTokenizer.matchExpression(query)
    // check
    #expect(expression == #""华为" AND "为手" AND "手机" AND "or" AND "p30""#)
}

@Test func ftsQuotedDoublesEmbeddedQuotes() {
    // setup
    let token = #"a"b"#
    // act
    let quoted = SearchTokenizer.ftsQuoted(token)
    // check
    #expect(quoted == #""a""b""#)
}

@Test func longInputIsTokenisedInLinearTime() {
    // setup
    let han = String(repeating: "华为手机", count: 2_500)           // 10k Han characters
    let mixed = String(repeating: "ab12 【新】", count: 10_000)      // 90k mixed characters
    let clock = ContinuousClock()
    // act
    var tokens: [[String]] = []
    let elapsed = clock.measure {
        tokens = [SearchTokenizer.indexTokens(han), SearchTokenizer.queryTokens(mixed)]
    }
    // check
    #expect(tokens[0] == ["华为", "为手", "手机", "机华", "华", "为", "手", "机"])
    #expect(tokens[1] == ["ab12", "新"])
    #expect(elapsed < .seconds(5))
}

@Test func queryExtensionAAndCompatibilityIdeographsAreHan() {
    // setup: U+3400 (Extension A) followed by U+F900 (compatibility ideograph)
    let query = "\u{3400}\u{F900}"
    // act
    let tokens = SearchTokenizer.queryTokens(query)
    // check
    #expect(tokens.count == 1)
    #expect(tokens.first?.unicodeScalars.map(\.value) == [0x3400, 0xF900])
}

@Test func indexOfJoinedModelNameServesSplitQuery() {
    // setup
    let index = Set(SearchTokenizer.indexTokens("Apple iPhone8 Plus"))
    // act
    let query = SearchTokenizer.queryTokens("iphone 8")
    // check
    #expect(query == ["iphone", "8"])
    #expect(query.allSatisfy(index.contains))
}
