/// Where an ad or a menu channel may send a shopper: a page of the shop (`/list.html?cat=1`) or an http(s) address —
/// never `javascript:`, `data:` or a protocol-relative `//host` that the home page would run or leave the shop for
/// unseen.
public enum LinkTarget {
    public static func isAllowed(_ url: String) -> Bool {
        guard !url.isEmpty, url.count <= 300, !url.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " }) else {
            return false
        }
        if url.hasPrefix("/") { return !url.hasPrefix("//") && !url.hasPrefix("/\\") }
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
        let rest = lower.drop(while: { $0 != ":" }).dropFirst(3)
        return !rest.isEmpty && !rest.hasPrefix("/")
    }
}
