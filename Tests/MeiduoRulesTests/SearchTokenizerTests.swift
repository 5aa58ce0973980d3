import Testing
@testable import MeiduoRules

@Test func queryHanRunBecomesOverlappingBigrams() {
    // setup
    let query = "华为手机"
    // act
    let tokens = SearchTokenizer.queryTokens(query)
    // check
    #expect(tokens == ["华为", "为手", "手机"])
}

@Test func querySingleHanCharacterIsUnigram() {
    // setup
    let query = "华"
    // act
    let tokens = SearchTokenizer.queryTokens(query)
    // check
    #expect(tokens == ["华"])
}

@Test func queryWhitespaceSeparatesHanRuns() {
    // setup
    let query = "手机 华为"
    // act
    let tokens = SearchTokenizer.queryTokens(query)
    // check
    #expect(tokens == ["手机", "华为"])
}

@Test func indexHanRunHoldsBigramsThenUnigrams() {
    // setup
    let name = "华为手机"
    // act
    let tokens = SearchTokenizer.indexTokens(name)
    // check
    #expect(tokens == ["华为", "为手", "手机", "华", "为", "手", "机"])
}

@Test func indexCoversEveryQueryOfItsOwnSubstrings() {
    // setup
    let index = Set(SearchTokenizer.indexTokens("华为手机"))
    // act
    let queries = ["华", "华为", "为手机", "机", "手机"].map(SearchTokenizer.queryTokens)
    // check
    #expect(queries.allSatisfy { $0.allSatisfy(index.contains) })
}

@Test func indexMixedLetterDigitWordAlsoHoldsItsParts() {
    // setup
    let name = "iPhone8"
    // act
    let tokens = SearchTokenizer.indexTokens(name)
    // check
    #expect(tokens == ["iphone8", "iphone", "8"])
}

@Test func queryMixedLetterDigitWordStaysWhole() {
    // setup
    let query = "iPhone8"
    // act
    let tokens = SearchTokenizer.queryTokens(query)
    // check
    #expect(tokens == ["iphone8"])
}

@Test func indexPlainWordIsLowercasedWithoutParts() {
    // setup
    let name = "MacBook PRO"
    // act
    let tokens = SearchTokenizer.indexTokens(name)
    // check
    #expect(tokens == ["macbook", "pro"])
}

@Test func indexSplitsBracketedMixedScriptName() {
    // setup
    let name = "【全新2017款】MacBook Pro"
    // act
    let tokens = SearchTokenizer.indexTokens(name)
    // check
    #expect(tokens == ["全新", "全", "新", "2017", "款", "macbook", "pro"])
}

@Test func queryFullWidthPunctuationSeparatesTokens() {
    // setup
    let query = "华为，小米、苹果（黑色）《新品》"
    // act
    let tokens = SearchTokenizer.queryTokens(query)
    // check
    #expect(tokens == ["华为", "小米", "苹果", "黑色", "新品"])
}

@Test func queryFullWidthLettersAndDigitsFoldToASCII() {
    // setup
    let query = "ＩＰＨＯＮＥ　１２"
    // act
    let tokens = SearchTokenizer.queryTokens(query)
    // check
    #expect(tokens == ["iphone", "12"])
}

@Test func querySpecStringSplitsAtScriptAndPunctuationBoundaries() {
    // setup
    let query = "core i5/8G内存/13.3英寸"
    // act
    let tokens = SearchTokenizer.queryTokens(query)
    // check
    #expect(tokens == ["core", "i5", "8g", "内存", "13", "3", "英寸"])
}

@Test func indexKanaAndHangulBecomeBigramsLikeHan() {
    // setup
    let name = "ソニー 삼성전자"
    // act
    let tokens = SearchTokenizer.queryTokens(name)
    // check
    #expect(tokens == ["ソニ", "ニー", "삼성", "성전", "전자"])
}
