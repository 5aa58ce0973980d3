/// Captcha text generation and normalisation.
///
/// The alphabet leaves out characters that are easy to confuse once the
/// image is distorted: 0/O, 1/I/L, 2/Z, 5/S and 8/B.
public enum CaptchaText {
    /// Characters a captcha may contain (uppercase letters and digits, no ambiguous ones).
    public static let alphabet: [Character] = Array("ACDEFGHJKMNPQRTUVWXY34679")

    /// A random captcha string of `length` characters drawn from ``alphabet``.
    /// A non-positive `length` yields an empty string.
    public static func random<G: RandomNumberGenerator>(length: Int = 4, using rng: inout G) -> String {
        guard length > 0 else { return "" }
        var result = ""
        result.reserveCapacity(length)
        for _ in 0..<length {
            // Force unwrap is safe: the alphabet is a non-empty constant.
            result.append(alphabet.randomElement(using: &rng)!)
        }
        return result
    }

    /// Canonical form used to compare a user's answer with the stored text:
    /// leading/trailing whitespace removed and letters uppercased, so checks
    /// are case-insensitive.
    public static func normalize(_ input: String) -> String {
        let leadingTrimmed = input.drop(while: { $0.isWhitespace })
        let trimmed = leadingTrimmed.reversed().drop(while: { $0.isWhitespace }).reversed()
        return String(trimmed).uppercased()
    }
}
