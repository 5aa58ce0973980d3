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
        return tokens.map(ftsQuoted).joined(separator: " AND ")
    }

    // MARK: - Scanning

    private static func tokens(_ text: String, forIndex: Bool) -> [String] {
        var result: [String] = []
        var cjkRun: [Unicode.Scalar] = []
        var word = String.UnicodeScalarView()
        var parts: [String] = []          // letter-only / digit-only pieces of `word`
        var part = String.UnicodeScalarView()
        var partKind = SearchScalarKind.separator

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

        for scalar in SearchScalarKind.folded(text).unicodeScalars {
            let kind = SearchScalarKind(scalar)
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

    private static func deduplicated(_ tokens: [String]) -> [String] {
        var seen = Set<String>()
        return tokens.filter { seen.insert($0).inserted }
    }

    /// `token` as an FTS5 string literal: wrapped in `"` with inner `"` doubled.
    static func ftsQuoted(_ token: String) -> String {
        var out = "\""
        for character in token {
            out.append(character)
            if character == "\"" { out.append("\"") }
        }
        out.append("\"")
        return out
    }
}
