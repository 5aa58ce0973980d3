/// The original Meiduo keeps browse history in Redis, a list `history_<user_id>` of SKU ids, newest first (LPUSH). A
/// shop moving over exports it with `redis-cli` into lines of `history_<user_id> <sku_id> <sku_id> …` (the README has
/// the loop); this reads them.
public enum RedisBrowseHistory {
    public struct Entry: Sendable, Equatable {
        public let userID: Int
        /// Newest first, without repeats (the original removed a SKU before pushing it again).
        public let skuIDs: [Int]
    }

    public struct Problem: Sendable, Equatable {
        public let line: Int
        public let text: String
    }

    public static func parse(_ text: String) -> (entries: [Entry], problems: [Problem]) {
        var entries: [Entry] = [], problems: [Problem] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let key = words.first else { continue }
            guard key.hasPrefix("history_"), let user = Int(key.dropFirst("history_".count)), user > 0 else {
                problems.append(Problem(line: number + 1, text: String(line.prefix(60))))
                continue
            }
            var seen = Set<Int>(), skus: [Int] = []
            for word in words.dropFirst() {
                guard let sku = Int(word), sku > 0 else { problems.append(Problem(line: number + 1, text: String(word.prefix(60)))); continue }
                if seen.insert(sku).inserted { skus.append(sku) }
            }
            entries.append(Entry(userID: user, skuIDs: skus))
        }
        return (entries, problems)
    }
}
