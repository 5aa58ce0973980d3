/// CJK-aware tokenising for full-text search of product names and captions.
///
/// SQLite FTS5 and PostgreSQL cannot segment Chinese, so we pre-tokenise here
/// and store space-separated tokens (``indexText(_:)``) in the search column.
///
/// Rules (shared by indexing and querying):
/// - Text is width-folded (full-width `ＡＢＣ１２３` → `abc123`) and lowercased.
/// - A run of CJK characters (Han incl. Extension A+ and compatibility
///   ideographs, kana, Hangul) becomes overlapping bigrams: `华为手机` →
///   `华为 为手 手机`. The index additionally holds every character as a
///   unigram so one-character queries match; a query uses the unigram only
///   when its CJK run is a single character.
/// - A run of letters and digits is one word. When it mixes letters and
///   digits the index also holds each letter-only / digit-only part:
///   `iPhone8` → `iphone8 iphone 8`, so `iPhone`, `iPhone 8` and `iPhone8`
///   all find it. The query keeps only the whole word (its parts are implied
///   under AND), so query `iphone8` does not match a document `iPhone 8`.
/// - Everything else (whitespace, ASCII and full-width punctuation such as
///   `【】，、（）`, symbols, emoji) separates tokens. `13.3` is `13` + `3`.
/// - Variation selectors and the keycap mark are ignored (`5️⃣` → `5`).
///
/// All work is linear in the input length.
public enum SearchTokenizer {
    /// Tokens to index, duplicates removed, first-seen order kept.
    public static func indexTokens(_ text: String) -> [String] {
        deduplicated(tokens(text, forIndex: true))
    }

    /// Tokens a query must all match, duplicates removed, first-seen order kept.
    public static func queryTokens(_ text: String) -> [String] {
        deduplicated(tokens(text, forIndex: false))
    }

    /// ``indexTokens(_:)`` joined by single spaces: the value stored in the FTS column.
    public static func indexText(_ text: String) -> String {
        indexTokens(text).joined(separator: " ")
    }

    /// A safe FTS5 `MATCH` expression: every query token double-quoted (with
    /// `"` doubled) and joined by ` AND `; `nil` when the query has no tokens.
    public static func matchExpression(_ text: String) -> String? {
        let tokens = queryTokens(text)
        guard !tokens.isEmpty else { return nil }
        return tokens.map(quoted).joined(separator: " AND ")
    }

    // MARK: - Scanning

    private enum Kind { case cjk, letter, digit, mark, ignored, separator }

    private static func tokens(_ text: String, forIndex: Bool) -> [String] {
        var result: [String] = []
        var cjkRun: [Unicode.Scalar] = []
        var word = String.UnicodeScalarView()
        var parts: [String] = []          // letter-only / digit-only pieces of `word`
        var part = String.UnicodeScalarView()
        var partKind = Kind.separator

        func flushCJK() {
            guard !cjkRun.isEmpty else { return }
            if cjkRun.count == 1 {
                result.append(String(cjkRun[0]))
            } else {
                for i in 0..<(cjkRun.count - 1) {
                    var bigram = String.UnicodeScalarView()
                    bigram.append(cjkRun[i])
                    bigram.append(cjkRun[i + 1])
                    result.append(String(bigram))
                }
                if forIndex { result.append(contentsOf: cjkRun.map { String($0) }) }
            }
            cjkRun.removeAll(keepingCapacity: true)
        }
        func flushWord() {
            guard !word.isEmpty else { return }
            if !part.isEmpty { parts.append(String(part)) }
            result.append(String(word))
            if forIndex && parts.count > 1 { result.append(contentsOf: parts) }
            word = String.UnicodeScalarView()
            part = String.UnicodeScalarView()
            parts.removeAll(keepingCapacity: true)
            partKind = .separator
        }

        for scalar in folded(text).unicodeScalars {
            let kind = classify(scalar)
            switch kind {
            case .ignored:
                continue
            case .cjk:
                flushWord()
                cjkRun.append(scalar)
            case .letter, .digit:
                flushCJK()
                if kind != partKind && !part.isEmpty {
                    parts.append(String(part))
                    part = String.UnicodeScalarView()
                }
                partKind = kind
                word.append(scalar)
                part.append(scalar)
            case .mark:
                // Combining marks belong to the letter/digit before them.
                if !word.isEmpty {
                    word.append(scalar)
                    part.append(scalar)
                }
            case .separator:
                flushCJK()
                flushWord()
            }
        }
        flushCJK()
        flushWord()
        return result
    }

    /// Full-width ASCII forms (U+FF01–FF5E) and the ideographic space folded
    /// to ASCII, then lowercased.
    private static func folded(_ text: String) -> String {
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

    private static func classify(_ scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x20E3:
            return .ignored                                   // variation selectors, keycap
        case 0x30A0, 0x30FB:
            return .separator                                 // ゠ ・ (kana-block punctuation)
        case 0x3005, 0x3007,                                  // 々 〇
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, // Han: Ext A, Unified, Compatibility
             0x20000...0x2FA1F, 0x30000...0x323AF,             // Han: Ext B–I, Compat Supplement, G–H
             0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F, // kana (incl. half-width katakana)
             0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: // Hangul
            return .cjk
        default:
            break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .decimalNumber: return .digit
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: return properties.isAlphabetic ? .letter : .separator
        }
    }

    private static func deduplicated(_ tokens: [String]) -> [String] {
        var seen = Set<String>()
        return tokens.filter { seen.insert($0).inserted }
    }

    private static func quoted(_ token: String) -> String {
        var out = "\""
        for character in token {
            out.append(character)
            if character == "\"" { out.append("\"") }
        }
        out.append("\"")
        return out
    }
}
