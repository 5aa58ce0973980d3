/// Pictures for the demo shop, drawn as SVG at load time instead of committing thousands of photos: a soft
/// gradient in a colour taken from the subject, a simple silhouette of the kind of product, and its name.
/// Pure text in, text out, so the same subject always gets the same picture.
public enum DemoArtwork {
    public enum Kind: Sendable, Equatable {
        /// A product shot: square, the product's silhouette and name.
        case product
        /// An ad or a description picture: wide, a headline and a line under it.
        case banner
        /// A person (a teacher): square, a head-and-shoulders silhouette and the name.
        case portrait
    }

    /// The SVG document for `title` (and an optional smaller `subtitle`).
    public static func svg(title: String, subtitle: String = "", kind: Kind) -> String {
        let hue = Int(stableHash(title) % 360)
        let (width, height) = kind == .banner ? (1200, 480) : (600, 600)
        let dark = "hsl(\(hue),55%,32%)", light = "hsl(\((hue + 40) % 360),70%,92%)", accent = "hsl(\(hue),45%,52%)"
        var parts: [String] = []
        parts.append("""
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">\
            <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="\(light)"/>\
            <stop offset="1" stop-color="#ffffff"/></linearGradient></defs>\
            <rect width="\(width)" height="\(height)" fill="url(#g)"/>
            """)
        let font = "font-family=\"'Noto Sans CJK SC','WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',sans-serif\""
        switch kind {
        case .product:
            parts.append(silhouette(for: title, color: accent, dark: dark))
            let lines = wrap(title, width: 16, maxLines: 2)
            for (index, line) in lines.enumerated() {
                parts.append("<text x=\"300\" y=\"\(500 + index * 40)\" text-anchor=\"middle\" font-size=\"30\" fill=\"\(dark)\" \(font)>\(escape(line))</text>")
            }
        case .portrait:
            parts.append("<circle cx=\"300\" cy=\"220\" r=\"95\" fill=\"\(accent)\"/>")
            parts.append("<path d=\"M120 470 C120 360 200 320 300 320 C400 320 480 360 480 470 Z\" fill=\"\(dark)\"/>")
            parts.append("<text x=\"300\" y=\"545\" text-anchor=\"middle\" font-size=\"40\" fill=\"\(dark)\" \(font)>\(escape(String(title.prefix(12))))</text>")
        case .banner:
            parts.append("<circle cx=\"1040\" cy=\"240\" r=\"190\" fill=\"\(accent)\" opacity=\"0.18\"/>")
            parts.append("<circle cx=\"1100\" cy=\"120\" r=\"90\" fill=\"\(accent)\" opacity=\"0.25\"/>")
            let lines = wrap(title, width: 10, maxLines: 2)
            for (index, line) in lines.enumerated() {
                parts.append("<text x=\"80\" y=\"\(190 + index * 72)\" font-size=\"60\" font-weight=\"bold\" fill=\"\(dark)\" \(font)>\(escape(line))</text>")
            }
            if !subtitle.isEmpty {
                let y = 190 + lines.count * 72 + 10
                parts.append("<text x=\"80\" y=\"\(y)\" font-size=\"32\" fill=\"\(accent)\" \(font)>\(escape(String(subtitle.prefix(32))))</text>")
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// A phone, a laptop, a watch, headphones, a screen or a box, chosen from words in the name.
    static func silhouette(for title: String, color: String, dark: String) -> String {
        let name = title.lowercased()
        func has(_ words: [String]) -> Bool { words.contains { name.contains($0) } }
        if has(["笔记本", "macbook", "thinkpad", "电脑"]) {
            return "<rect x=\"150\" y=\"140\" width=\"300\" height=\"200\" rx=\"14\" fill=\"\(dark)\"/>"
                + "<rect x=\"165\" y=\"155\" width=\"270\" height=\"170\" rx=\"6\" fill=\"\(color)\"/>"
                + "<path d=\"M110 350 H490 L470 380 H130 Z\" fill=\"\(dark)\"/>"
        }
        if has(["手表", "watch"]) {
            return "<rect x=\"265\" y=\"80\" width=\"70\" height=\"340\" rx=\"20\" fill=\"\(dark)\"/>"
                + "<rect x=\"215\" y=\"160\" width=\"170\" height=\"190\" rx=\"48\" fill=\"\(dark)\"/>"
                + "<rect x=\"230\" y=\"175\" width=\"140\" height=\"160\" rx=\"38\" fill=\"\(color)\"/>"
        }
        if has(["耳机", "sony", "wh-"]) {
            return "<path d=\"M190 300 V250 A110 110 0 0 1 410 250 V300\" fill=\"none\" stroke=\"\(dark)\" stroke-width=\"26\"/>"
                + "<rect x=\"160\" y=\"280\" width=\"70\" height=\"120\" rx=\"30\" fill=\"\(color)\"/>"
                + "<rect x=\"370\" y=\"280\" width=\"70\" height=\"120\" rx=\"30\" fill=\"\(color)\"/>"
        }
        if has(["显示器", "平板", "ipad", "dell"]) {
            return "<rect x=\"130\" y=\"110\" width=\"340\" height=\"230\" rx=\"14\" fill=\"\(dark)\"/>"
                + "<rect x=\"145\" y=\"125\" width=\"310\" height=\"200\" rx=\"6\" fill=\"\(color)\"/>"
                + "<rect x=\"280\" y=\"340\" width=\"40\" height=\"50\" fill=\"\(dark)\"/><rect x=\"220\" y=\"388\" width=\"160\" height=\"14\" rx=\"7\" fill=\"\(dark)\"/>"
        }
        if has(["鼠标", "mouse"]) {
            return "<rect x=\"225\" y=\"120\" width=\"150\" height=\"270\" rx=\"75\" fill=\"\(dark)\"/>"
                + "<rect x=\"292\" y=\"150\" width=\"16\" height=\"60\" rx=\"8\" fill=\"\(color)\"/>"
        }
        if has(["手机", "iphone", "huawei", "华为", "小米", "redmi", "phone"]) {
            return "<rect x=\"215\" y=\"70\" width=\"170\" height=\"340\" rx=\"28\" fill=\"\(dark)\"/>"
                + "<rect x=\"228\" y=\"95\" width=\"144\" height=\"290\" rx=\"14\" fill=\"\(color)\"/>"
                + "<circle cx=\"300\" cy=\"82\" r=\"5\" fill=\"\(color)\"/>"
        }
        return "<rect x=\"170\" y=\"130\" width=\"260\" height=\"240\" rx=\"18\" fill=\"\(color)\"/>"
            + "<path d=\"M170 200 H430 M300 130 V370\" stroke=\"\(dark)\" stroke-width=\"14\" opacity=\"0.5\"/>"
    }

    /// Splits `text` into at most `maxLines` lines of about `width` columns (a CJK character counts two).
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var columns = 0
        for character in text {
            let cost = character.unicodeScalars.first.map { $0.value > 0x2E7F ? 2 : 1 } ?? 1
            if columns + cost > width * 2, !current.isEmpty {
                lines.append(current)
                if lines.count == maxLines { break }
                current = ""
                columns = 0
            }
            current.append(character)
            columns += cost
        }
        if lines.count < maxLines, !current.isEmpty { lines.append(current) }
        if lines.count == maxLines, lines.joined().count < text.count, var last = lines.popLast() {
            last.removeLast()
            lines.append(last + "…")
        }
        return lines
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// FNV-1a over the UTF-8 bytes: stable across runs and platforms, unlike `hashValue`.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
