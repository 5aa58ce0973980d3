import Testing
@testable import MeiduoRules

@Suite struct CartCookieCodecTests {
    let codec = CartCookieCodec(secret: "a-test-secret-that-is-long-enough-123456")
    let lines = [CartLineValue(skuID: 1, count: 2, selected: true), CartLineValue(skuID: 15, count: 1, selected: false)]

    @Test func roundTrips() {
        // act
        let decoded = codec.decode(codec.encode(lines))
        // check
        #expect(decoded == lines)
    }

    @Test func isCompact() {
        // act
        let value = codec.encode(lines)
        // check
        #expect(value.hasPrefix("v1.1:2:1-15:1:0."))
        #expect(value.count < 70)
    }

    @Test func alteredCountIsRejected() {
        // setup
        let forged = codec.encode(lines).replacingOccurrences(of: "1:2:1", with: "1:9:1")
        // act / check
        #expect(codec.decode(forged) == nil)
    }

    @Test func anotherSecretsCookieIsRejected() {
        // setup
        let other = CartCookieCodec(secret: "another-secret-that-is-long-enough-9999").encode(lines)
        // act / check
        #expect(codec.decode(other) == nil)
    }

    @Test func garbageAndOversizedValuesAreRejected() {
        #expect(codec.decode("") == nil)
        #expect(codec.decode("gASVKAAAAAAAAAB9lC4=") == nil)
        #expect(codec.decode("v1.1:2:1.") == nil)
        #expect(codec.decode(String(repeating: "a", count: 5000)) == nil)
    }

    @Test func emptyCartRoundTrips() {
        #expect(codec.decode(codec.encode([])) == [])
    }

    @Test func encodingKeepsAtMostTheLineLimit() {
        // setup
        let many = (1...150).map { CartLineValue(skuID: $0, count: 1, selected: true) }
        // act
        let decoded = codec.decode(codec.encode(many))
        // check
        #expect(decoded?.count == CartCookieCodec.maxLines)
    }
}
