import Testing
@testable import MeiduoRules

/// Deterministic generator so rendering tests are reproducible.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Test func alphabetExcludesAmbiguousCharacters() {
    // setup
    let ambiguous: Set<Character> = ["0", "O", "1", "I", "L", "2", "Z", "5", "S", "8", "B"]
    // act
    let overlap = ambiguous.intersection(CaptchaText.alphabet)
    // check
    #expect(overlap.isEmpty)
}

@Test func alphabetHoldsUniqueUppercaseLettersAndDigits() {
    // setup
    let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    // act
    let alphabet = CaptchaText.alphabet
    // check
    #expect(alphabet.allSatisfy { allowed.contains($0) })
    #expect(Set(alphabet).count == alphabet.count)
}

@Test func randomTextHasRequestedLength() {
    // setup
    var rng = SplitMix64(state: 1)
    // act
    let lengths = [1, 4, 6, 10].map { CaptchaText.random(length: $0, using: &rng).count }
    // check
    #expect(lengths == [1, 4, 6, 10])
}

@Test func randomTextUsesOnlyAlphabet() {
    // setup
    var rng = SplitMix64(state: 2)
    // act
    let text = (0..<50).map { _ in CaptchaText.random(using: &rng) }.joined()
    // check
    #expect(text.allSatisfy { CaptchaText.alphabet.contains($0) })
}

@Test func normalizeTrimsAndUppercases() {
    // setup
    let input = " ab3d "
    // act
    let normalized = CaptchaText.normalize(input)
    // check
    #expect(normalized == "AB3D")
}

@Test func fontHasDistinct5x7GlyphForEveryAlphabetCharacter() {
    // setup
    let alphabet = CaptchaText.alphabet
    // act
    let glyphs = alphabet.compactMap { BitmapFont.glyphs[$0] }
    // check
    #expect(glyphs.count == alphabet.count)
    #expect(glyphs.allSatisfy { $0.width == 5 && $0.height == 7 && $0.bits.contains(true) })
    #expect(Set(glyphs.map(\.bits)).count == glyphs.count)
}

@Test func sineApproximationIsAccurate() {
    // setup
    let angles: [Double] = [-7, -2, -0.5, 0, 0.3, Double.pi / 6, 1.5, 3, 4, 10, 100]
    // act
    let errors = angles.map { abs(CaptchaMath.sin($0) - sinReference($0)) }
    // check
    #expect(errors.allSatisfy { $0 < 1e-6 })
}

/// Slow but obviously-correct reference: Taylor series with many terms after reducing to [-pi, pi].
private func sinReference(_ x: Double) -> Double {
    var r = x.truncatingRemainder(dividingBy: 2 * Double.pi)
    if r > Double.pi { r -= 2 * Double.pi } else if r < -Double.pi { r += 2 * Double.pi }
    var term = r, sum = r
    for n in 1..<30 {
        term *= -r * r / Double((2 * n) * (2 * n + 1))
        sum += term
    }
    return sum
}

@Test func renderedCaptchaIsNotASingleColour() {
    // setup
    var rng = SplitMix64(state: 3)
    // act
    let raster = CaptchaRenderer().render(text: "AC3D", using: &rng)
    // check
    #expect(raster.distinctColorCount > 10)
}

@Test func renderedCaptchaDiffersForDifferentTexts() {
    // setup
    var rngA = SplitMix64(state: 4)
    var rngB = SplitMix64(state: 4)
    // act
    let first = CaptchaRenderer().renderPNG(text: "ACDE", using: &rngA)
    let second = CaptchaRenderer().renderPNG(text: "HJK7", using: &rngB)
    // check
    #expect(first != second)
}

@Test func renderingIsReproducibleWithSameSeed() {
    // setup
    var rngA = SplitMix64(state: 5)
    var rngB = SplitMix64(state: 5)
    // act
    let first = CaptchaRenderer().renderPNG(text: "MN4X", using: &rngA)
    let second = CaptchaRenderer().renderPNG(text: "MN4X", using: &rngB)
    // check
    #expect(first == second)
}

@Test func renderedPNGHasRequestedSizeAndDecodes() throws {
    // setup
    var rng = SplitMix64(state: 6)
    // act
    let png = CaptchaRenderer(width: 150, height: 50).renderPNG(text: "PQRT", using: &rng)
    // check
    let ihdr = try #require(PNGTestSupport.chunks(of: png).first)
    #expect(PNGTestSupport.bigEndian(ihdr.data[0..<4]) == 150)
    #expect(PNGTestSupport.bigEndian(ihdr.data[4..<8]) == 50)
    #expect(PNGTestSupport.scanlines(of: png)?.count == 50 * (1 + 3 * 150))
}

@Test func renderedTextInkCoversAPlausibleShareOfPixels() {
    // setup
    var rng = SplitMix64(state: 7)
    // act
    let raster = CaptchaRenderer().render(text: "WWWW", using: &rng)
    // check: dark ink (text, curves, some dots) is present but does not dominate
    let dark = stride(from: 0, to: raster.pixels.count, by: 3).filter { (i: Int) -> Bool in
        let sum: Int = Int(raster.pixels[i]) + Int(raster.pixels[i + 1]) + Int(raster.pixels[i + 2])
        return sum < 360
    }.count
    #expect(dark > raster.width * raster.height / 20)
    #expect(dark < raster.width * raster.height / 2)
}
