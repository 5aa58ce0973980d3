/// Money as an integer number of cents (分), never floating point.
public enum Money {
    /// Largest number of integer (yuan) digits ``parse(_:)`` accepts; keeps
    /// every accepted amount well inside `Int64` cents.
    public static let maxIntegerDigits = 15

    /// Two-decimal text for an amount of cents: `378800` → `"3788.00"`,
    /// `5` → `"0.05"`, `-150` → `"-1.50"`. No grouping separators, no symbol.
    public static func format(cents: Int64) -> String {
        let magnitude = cents.magnitude          // UInt64: safe for Int64.min
        let fraction = magnitude % 100
        let sign = cents < 0 ? "-" : ""
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Cents for a decimal amount, or `nil` if the text is not one.
    ///
    /// Accepts surrounding whitespace, an optional single leading `-`, 1 to
    /// ``maxIntegerDigits`` ASCII integer digits and optionally `.` followed
    /// by one or two digits: `"3788"`, `"3788.0"`, `"0.5"`, `" 12.30 "`.
    /// Rejects anything else, e.g. `""`, `"abc"`, `"1.234"`, `"1e5"`, `"--1"`,
    /// `"+1"`, `".5"`, `"5."`, `"1,000"`.
    public static func parse(_ text: String) -> Int64? {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }

        var negative = false
        if scalars.first == "-" {
            negative = true
            scalars.removeFirst()
        }
        let integerDigits = scalars.prefix(while: isASCIIDigit)
        guard (1...maxIntegerDigits).contains(integerDigits.count) else { return nil }
        var rest = scalars.dropFirst(integerDigits.count)

        var fractionDigits = Substring.UnicodeScalarView()
        if rest.first == "." {
            rest.removeFirst()
            fractionDigits = rest.prefix(while: isASCIIDigit)
            guard (1...2).contains(fractionDigits.count) else { return nil }
            rest = rest.dropFirst(fractionDigits.count)
        }
        guard rest.isEmpty else { return nil }

        var cents: Int64 = 0
        for digit in integerDigits { cents = cents * 10 + digitValue(digit) }
        var fraction: Int64 = 0
        for digit in fractionDigits { fraction = fraction * 10 + digitValue(digit) }
        if fractionDigits.count == 1 { fraction *= 10 }
        cents = cents * 100 + fraction
        return negative ? -cents : cents
    }

    /// `percent`% of `cents`, rounded once to the nearest cent with halves
    /// rounded away from zero (Python's `ROUND_HALF_UP`): 50% of 5 → 3,
    /// 50% of -5 → -3, 15% of 999 → 150 (149.85).
    ///
    /// This is the single place where percent discounts round: compute the
    /// discounted or discount amount with one call instead of chaining calls
    /// or rounding intermediate values. Exact for any inputs whose result fits
    /// in `Int64` (the intermediate product is 128-bit); traps otherwise.
    public static func percentOf(cents: Int64, percent: Int) -> Int64 {
        let product = cents.multipliedFullWidth(by: Int64(percent))
        let (quotient, remainder) = Int64(100).dividingFullWidth(product)
        // Truncating division: the remainder carries the product's sign.
        guard remainder.magnitude * 2 >= 100 else { return quotient }
        return remainder < 0 ? quotient - 1 : quotient + 1
    }

    private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int64 {
        Int64(scalar.value - 48)
    }
}
