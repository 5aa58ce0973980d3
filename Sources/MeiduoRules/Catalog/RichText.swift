import Foundation

/// The HTML staff write for a product's descriptions (seed 000 `desc_detail`, `desc_pack`, `desc_service`: the original's
/// rich-text fields), kept to what a description needs. The detail pages print it as HTML, so anything that runs —
/// `<script>`, `on…=` handlers, `javascript:` links, `<iframe>`, `<style>`, SVG — would run for every shopper: an
/// allow-list of tags and attributes keeps text, formatting, tables, links and pictures and drops the rest.
public enum RichText {
    static let allowedTags: Set<String> = [
        "p", "br", "hr", "div", "span", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "pre", "code",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "img", "a",
    ]
    static let voidTags: Set<String> = ["br", "hr", "img"]
    /// Elements dropped with everything inside them, not just their tags.
    static let droppedWithContent: Set<String> = ["script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript", "title", "textarea", "select"]
    static let allowedAttributes: [String: Set<String>] = [
        "img": ["src", "alt", "title", "width", "height"], "a": ["href", "title"],
        "td": ["colspan", "rowspan", "align"], "th": ["colspan", "rowspan", "align"], "p": ["align"], "div": ["align"],
    ]

    /// `html` with only allowed tags and attributes; text and entities stay as written, a stray `<` becomes `&lt;`.
    public static func sanitized(_ html: String) -> String {
        var output = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            output += rest[..<open]
            rest = rest[open...]
            if rest.hasPrefix("<!--") {
                rest = rest.range(of: "-->").map { rest[$0.upperBound...] } ?? ""
                continue
            }
            guard let close = tagEnd(rest), let tag = Tag(rest[rest.index(after: rest.startIndex)..<close]) else {
                output += "&lt;"
                rest = rest.dropFirst()
                continue
            }
            rest = rest[rest.index(after: close)...]
            if droppedWithContent.contains(tag.name) {
                if !tag.closing && !tag.selfClosing { rest = skipPast(closing: tag.name, in: rest) }
                continue
            }
            guard allowedTags.contains(tag.name) else { continue }
            output += tag.closing ? (voidTags.contains(tag.name) ? "" : "</\(tag.name)>") : tag.rebuilt(allowed: allowedAttributes[tag.name] ?? [])
        }
        return output + rest
    }

    /// The `>` ending the tag that starts `text` (quotes respected), or nil when there is none.
    static func tagEnd(_ text: Substring) -> Substring.Index? {
        var quote: Character?
        for index in text.indices.dropFirst() {
            let c = text[index]
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c } else if c == ">" { return index } else if c == "<" { return nil }
        }
        return nil
    }

    static func skipPast(closing name: String, in text: Substring) -> Substring {
        guard let end = text.range(of: "</\(name)", options: .caseInsensitive) else { return "" }
        let after = text[end.upperBound...]
        return after.firstIndex(of: ">").map { after[after.index(after: $0)...] } ?? ""
    }

    struct Tag {
        let name: String
        let closing: Bool
        let selfClosing: Bool
        let attributes: [(String, String)]

        init?(_ inner: Substring) {
            var body = inner.trimmingCharacters(in: .whitespacesAndNewlines)[...]
            closing = body.hasPrefix("/")
            if closing { body = body.dropFirst() }
            selfClosing = body.hasSuffix("/")
            if selfClosing { body = body.dropLast() }
            let name = body.prefix { $0.isLetter || $0.isNumber }
            guard !name.isEmpty, name.first!.isLetter else { return nil }
            self.name = name.lowercased()
            var found: [(String, String)] = []
            for match in body.dropFirst(name.count).matches(of: /([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/) {
                found.append((String(match.1).lowercased(), String(match.2 ?? match.3 ?? match.4 ?? "")))
            }
            attributes = found
        }

        func rebuilt(allowed: Set<String>) -> String {
            var text = "<" + name
            for (key, value) in attributes where allowed.contains(key) {
                if key == "src" || key == "href" { guard RichText.isSafeURL(value) else { continue } }
                text += " \(key)=\"\(RichText.escapeAttribute(value))\""
            }
            return text + ">"
        }
    }

    /// A picture or link address that can't run anything: http(s), or a path of this shop.
    static func isSafeURL(_ value: String) -> Bool {
        let decoded = value.replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespacesAndNewlines)
        return LinkTarget.isAllowed(decoded)
    }

    static func escapeAttribute(_ value: String) -> String {
        value.replacingOccurrences(of: "&(?!(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);)", with: "&amp;", options: .regularExpression)
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
