/// How ``SearchTokenizer`` treats one Unicode scalar of (folded) text.
enum SearchScalarKind: Equatable {
    /// Han ideograph, kana or Hangul: joins a CJK run (bigrams).
    case cjk
    /// Alphabetic, non-CJK: part of a word.
    case letter
    /// Decimal digit (`Nd`): part of a word.
    case digit
    /// Combining mark: sticks to the preceding letter/digit, dropped otherwise.
    case mark
    /// Skipped without breaking a run (variation selectors, keycap mark).
    case ignored
    /// Whitespace, punctuation, symbols, emoji.
    case separator

    init(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x20E3:
            self = .ignored                                     // variation selectors, keycap
            return
        case 0x30A0, 0x30FB:
            self = .separator                                   // ゠ ・ (kana-block punctuation)
            return
        case 0x3005, 0x3007,                                    // 々 〇
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, // Han: Ext A, Unified, Compatibility
             0x20000...0x2FA1F, 0x30000...0x323AF,             // Han: Ext B–I, Compat Supplement, G–H
             0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F, // kana (incl. half-width katakana)
             0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: // Hangul
            self = .cjk
            return
        default:
            break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .decimalNumber: self = .digit
        case .nonspacingMark, .spacingMark, .enclosingMark: self = .mark
        default: self = properties.isAlphabetic ? .letter : .separator
        }
    }

    /// Full-width ASCII forms (U+FF01–FF5E) and the ideographic space folded
    /// to ASCII, then lowercased.
    static func folded(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: view.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: view.append(" ")
            default: view.append(scalar)
            }
        }
        return String(view).lowercased()
    }
}
