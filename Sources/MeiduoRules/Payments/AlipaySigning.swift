import Foundation

/// The text Alipay's RSA2 signatures cover (开放平台 签名/验签规则), kept free of any crypto or web
/// framework so it can be checked byte for byte.
///
/// - Requests we send: every parameter except `sign`, with non-empty values, sorted by key,
///   joined as `k=v&k=v` with raw (not URL-encoded) values. `sign_type` is signed.
/// - Notifications and returns Alipay sends: the same, but `sign_type` is not signed either.
/// - Gateway answers: the raw JSON text of the `<method>_response` object, exactly as received.
public enum AlipaySigning {
    public static let requestExcluded: Set<String> = ["sign"]
    public static let notificationExcluded: Set<String> = ["sign", "sign_type"]

    /// The string to sign or verify for `params`, leaving out `excluding` and empty values.
    public static func content(_ params: [String: String], excluding: Set<String>) -> String {
        params.filter { !excluding.contains($0.key) && !$0.value.isEmpty }
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { "\($0.key)=\($0.value)" }
            .joined(separator: "&")
    }

    /// `alipay.trade.query` → `alipay_trade_query_response`, the key of the signed object in the answer.
    public static func responseKey(method: String) -> String {
        method.replacingOccurrences(of: ".", with: "_") + "_response"
    }

    /// The raw text of the top-level `responseKey` object in a gateway answer, or nil when there is none.
    /// Alipay signs these exact bytes, so the object must not be re-serialised before verifying.
    public static func signedResponseContent(_ body: String, responseKey: String) -> String? {
        let bytes = Array(body.utf8)
        let key = Array(responseKey.utf8)
        var depth = 0
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                guard let end = stringEnd(bytes, openingQuote: i) else { return nil }
                if depth == 1, Array(bytes[(i + 1)..<(end - 1)]) == key,
                   let colon = skipSpaces(bytes, from: end), colon < bytes.count, bytes[colon] == UInt8(ascii: ":"),
                   let start = skipSpaces(bytes, from: colon + 1), start < bytes.count, bytes[start] == UInt8(ascii: "{"),
                   let close = objectEnd(bytes, openingBrace: start) {
                    return String(decoding: bytes[start..<close], as: UTF8.self)
                }
                i = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            i += 1
        }
        return nil
    }

    /// "yyyy-MM-dd HH:mm:ss" in China time, the gateway's `timestamp` format.
    public static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    /// Index just past the closing quote of the JSON string opening at `openingQuote`.
    static func stringEnd(_ bytes: [UInt8], openingQuote: Int) -> Int? {
        var i = openingQuote + 1
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
            if bytes[i] == UInt8(ascii: "\"") { return i + 1 }
            i += 1
        }
        return nil
    }

    /// Index just past the brace closing the object that opens at `openingBrace`, strings skipped.
    static func objectEnd(_ bytes: [UInt8], openingBrace: Int) -> Int? {
        var depth = 0
        var i = openingBrace
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                guard let end = stringEnd(bytes, openingQuote: i) else { return nil }
                i = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return i + 1 }
            default: break
            }
            i += 1
        }
        return nil
    }

    static func skipSpaces(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i
    }
}

/// `application/x-www-form-urlencoded` text, as gateway requests, returns and notifications use it.
public enum FormURLEncoding {
    static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()

    /// `k=v&…` with every byte but the unreserved ones percent-encoded, keys in the given order.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    public static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// The fields of a query string or form body (`+` is a space; the last of a repeated key wins),
    /// or nil when a component is not valid percent-encoded UTF-8.
    public static func decode(_ text: String) -> [String: String]? {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = unescape(parts[0]), let value = parts.count > 1 ? unescape(parts[1]) : "" else { return nil }
            values[key] = value
        }
        return values
    }

    static func unescape(_ component: Substring) -> String? {
        component.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
