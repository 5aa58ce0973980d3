import FluentKit
import MeiduoRules
import SQLKit

/// How search results are ordered: by relevance unless one of the list orderings is asked for.
public enum SearchOrdering: Sendable, Equatable {
    case relevance
    case field(SKUOrdering)

    /// Missing or empty means relevance; anything but the list orderings is refused like `SKUOrdering.parse`.
    public static func parse(_ raw: String?) throws -> SearchOrdering {
        guard let raw, !raw.isEmpty else { return .relevance }
        return .field(try SKUOrdering.parse(raw))
    }
}

/// One search result: the indexed document's text (name and caption, as written) and the SKU.
public struct SearchHit: Sendable, Equatable {
    public let text: String
    public let sku: SKUSummaryDTO
}

extension SearchIndex {
    /// Longer queries are cut to this many characters (each character may add a token to match).
    public static let maxQueryLength = 200

    /// A query as the backend takes it: an FTS5 MATCH expression, or the tokens for `plainto_tsquery`.
    struct Query: Sendable {
        let value: String
        /// The query's tokens, for SQLite's relevance score.
        var tokens: [String] = []
        /// Match any token instead of all of them.
        var loose = false
        /// Only SKUs with an id at least this (the newest matches of a broad query).
        var floor: Int?
    }

    /// The backend query for `text`, or nil when it has no searchable tokens (only punctuation, say).
    func query(_ text: String) -> Query? {
        let text = String(text.prefix(Self.maxQueryLength))
        switch backend {
        case .sqlite:
            // Every token double-quoted and ANDed: user input is never FTS5 syntax.
            return SearchTokenizer.matchExpression(text).map { Query(value: $0, tokens: SearchTokenizer.queryTokens(text)) }
        case .postgres:
            // Tokens hold only letters, digits and CJK characters; plainto_tsquery ANDs them and parses no operators.
            let tokens = SearchTokenizer.queryTokens(text)
            return tokens.isEmpty ? nil : Query(value: tokens.joined(separator: " "))
        }
    }

    /// Launched SKUs matching every token of `text`, and one page of them. Throws the 404 "无效页面。" past the end.
    /// When nothing matches every token, SKUs matching any of them are returned, best first: a query like
    /// 华为手机 makes the bigram 为手, which no "华为 … 手机" title contains, and should still find the phones.
    public func search(text: String, ordering: SearchOrdering, page: PageRequest) async throws -> (count: Int, hits: [SearchHit]) {
        guard var query = query(text) else { return (0, []) }
        var found = try await candidates(query)
        if found.count == 0, let pruned = try await withoutUnknownTokens(text) {
            query = pruned
            found = try await candidates(query)
        }
        if found.count == 0, let loose = loosened(text) {
            query = loose
            found = try await candidates(query)
        }
        // A broad query ranks only its newest `maxRanked` matches, so its cost stays bounded as the catalog grows.
        query.floor = found.floor
        let count = found.count
        try page.validate(count: count)
        guard count > page.offset else { return (count, []) }
        let summaries = SKUListQueries(sql: sql, imageBase: imageBase)
        let rows = try await sql.raw(pageQuery(query, ordering: ordering, limit: page.size, offset: page.offset)).all()
        let hits = try rows.map { row in
            SearchHit(text: try row.decode(column: "name", as: String.self) + "\n" + (try row.decode(column: "caption", as: String.self)),
                      sku: try summaries.summary(row))
        }
        return (count, hits)
    }

    /// The all-token query without the tokens no document has — typically bigrams spanning two words
    /// (为手 in 华为手机) — or nil when there are none to drop or none would be left.
    func withoutUnknownTokens(_ text: String) async throws -> Query? {
        let tokens = SearchTokenizer.queryTokens(String(text.prefix(Self.maxQueryLength)))
        guard tokens.count > 1 else { return nil }
        var known: [String] = []
        for token in tokens where try await exists(token) { known.append(token) }
        guard !known.isEmpty, known.count < tokens.count else { return nil }
        return query(known.joined(separator: " "))
    }

    /// Whether any document has `token`: a rare token is one short index lookup.
    func exists(_ token: String) async throws -> Bool {
        guard let single = query(token) else { return false }
        switch backend {
        case .sqlite:
            return try await sql.raw("SELECT 1 AS found FROM sku_search WHERE sku_search MATCH \(bind: single.value) LIMIT 1").first() != nil
        case .postgres:
            return try await sql.raw("SELECT 1 AS found FROM sku_search_terms WHERE term = \(bind: token)").first() != nil
        }
    }

    /// At most this many matches of one query are ranked and paged through.
    public static let maxRanked = 1000

    /// The query's launched matches, newest first, up to one past the cap, in one backward walk of the index:
    /// how many there are (at most `maxRanked`), and for a broad query the smallest id among its newest
    /// `maxRanked` — the floor the page query starts from. A broad query's exact size is never counted.
    func candidates(_ query: Query) async throws -> (count: Int, floor: Int?) {
        let id = backend == .sqlite ? "sku_search.rowid" : "s.sku_id"
        let rows = try await sql.raw("SELECT k.id \(matches(query)) ORDER BY \(unsafeRaw: id) DESC LIMIT \(bind: Self.maxRanked + 1)").all()
        guard rows.count > Self.maxRanked else { return (rows.count, nil) }
        return (Self.maxRanked, try rows[Self.maxRanked - 1].decode(column: "id", as: Int.self))
    }

    /// `AND column >= floor` for a capped broad query, nothing otherwise (an always-true bound misleads planners).
    /// Given on both sides of the join, so PostgreSQL reads only that range of `skus` instead of hashing all of it.
    func floorClause(_ query: Query, column: String) -> SQLQueryString {
        guard let floor = query.floor else { return "" }
        return "AND \(unsafeRaw: column) >= \(bind: floor)"
    }

    /// The any-token form of the query, when it has more than one token.
    func loosened(_ text: String) -> Query? {
        let tokens = SearchTokenizer.queryTokens(String(text.prefix(Self.maxQueryLength)))
        guard tokens.count > 1 else { return nil }
        switch backend {
        case .sqlite:
            let quoted = tokens.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            return Query(value: quoted.joined(separator: " OR "), tokens: tokens, loose: true)
        case .postgres:
            return Query(value: tokens.joined(separator: " "), loose: true)
        }
    }

    /// The PostgreSQL tsquery: plainto_tsquery ANDs the tokens; the loose form swaps every & for |.
    func tsquery(_ query: Query) -> SQLQueryString {
        query.loose
            ? "replace(plainto_tsquery('simple', \(bind: query.value))::text, '&', '|')::tsquery"
            : "plainto_tsquery('simple', \(bind: query.value))"
    }

    /// One page of results: the index finds the matches, `skus` is joined by primary key.
    func pageQuery(_ query: Query, ordering: SearchOrdering, limit: Int, offset: Int) -> SQLQueryString {
        """
        SELECT k.id, k.name, k.caption, k.price, k.default_image_url, k.comments \(matches(query))
        ORDER BY \(order(query, ordering)) LIMIT \(bind: limit) OFFSET \(bind: offset)
        """
    }

    /// `FROM … WHERE …` shared by the count and the page.
    func matches(_ query: Query) -> SQLQueryString {
        switch backend {
        case .sqlite:
            return """
                FROM sku_search JOIN skus k ON k.id = sku_search.rowid
                WHERE sku_search MATCH \(bind: query.value) \(floorClause(query, column: "sku_search.rowid")) \(floorClause(query, column: "k.id"))
                AND k.is_launched = \(bind: true)
                """
        case .postgres:
            return """
                FROM sku_search s JOIN skus k ON k.id = s.sku_id
                WHERE s.document @@ \(tsquery(query)) \(floorClause(query, column: "s.sku_id")) \(floorClause(query, column: "k.id"))
                AND k.is_launched = \(bind: true)
                """
        }
    }

    func order(_ query: Query, _ ordering: SearchOrdering) -> SQLQueryString {
        switch (ordering, backend) {
        case (.relevance, .sqlite):
            // FTS5's bm25 counts every document holding each token, a cost that grows with the catalog; this score
            // reads only the candidate rows: each query token found in the name counts 3, in the caption 1.
            return "\(relevanceScore(query.tokens)) DESC, k.id ASC"
        case (.relevance, .postgres):
            // Default weights: A (name) 1.0, B (caption) 0.4.
            return "ts_rank_cd(s.document, \(tsquery(query))) DESC, k.id ASC"
        case (.field(let field), _):
            return "\(unsafeRaw: Self.columns(field))"
        }
    }

    /// At most this many tokens count towards SQLite's relevance score.
    static let scoredTokens = 16

    /// `(3 * (name has t1) + (caption has t1) + …)` over the indexed token columns (space-separated tokens).
    func relevanceScore(_ tokens: [String]) -> SQLQueryString {
        let terms = tokens.prefix(Self.scoredTokens).map { token -> SQLQueryString in
            let padded = " \(token) "
            return "3 * (instr(' ' || sku_search.name || ' ', \(bind: padded)) > 0) + (instr(' ' || sku_search.caption || ' ', \(bind: padded)) > 0)"
        }
        guard !terms.isEmpty else { return "0" }
        var score: SQLQueryString = "("
        for (index, term) in terms.enumerated() {
            if index > 0 { score.appendInterpolation(unsafeRaw: " + ") }
            score.appendInterpolation(term)
        }
        score.appendInterpolation(unsafeRaw: ")")
        return score
    }

    static func columns(_ ordering: SKUOrdering) -> String {
        switch ordering {
        case .createTime: return "k.create_time ASC, k.id ASC"
        case .newestFirst: return "k.create_time DESC, k.id DESC"
        case .price: return "k.price ASC, k.id ASC"
        case .priceDescending: return "k.price DESC, k.id DESC"
        case .sales: return "k.sales ASC, k.id ASC"
        case .salesDescending: return "k.sales DESC, k.id DESC"
        }
    }
}
