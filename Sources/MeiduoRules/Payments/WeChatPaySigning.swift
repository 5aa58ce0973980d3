import Foundation

/// The texts WeChat Pay API v3 signatures cover (签名生成 / 签名验证), kept free of any crypto or web
/// framework so they can be checked byte for byte. Both end every line, the last included, with "\n".
///
/// - Requests we send: "METHOD\nPATH?QUERY\ntimestamp\nnonce\nbody\n" (an empty body still ends "\n").
/// - Answers and notifications WeChat sends: "timestamp\nnonce\nbody\n" from the `Wechatpay-*` headers.
public enum WeChatPaySigning {
    public static let scheme = "WECHATPAY2-SHA256-RSA2048"
    /// Answers and notifications older or newer than this are refused (replay protection).
    public static let maximumClockSkew: TimeInterval = 300

    /// The text our request signature covers; `canonicalURL` is the path with its query, as sent.
    public static func requestMessage(method: String, canonicalURL: String, timestamp: String, nonce: String, body: String) -> String {
        "\(method.uppercased())\n\(canonicalURL)\n\(timestamp)\n\(nonce)\n\(body)\n"
    }

    /// The text WeChat's signature of an answer or a notification covers.
    public static func responseMessage(timestamp: String, nonce: String, body: String) -> String {
        "\(timestamp)\n\(nonce)\n\(body)\n"
    }

    /// The path and query of `url` exactly as they go on the wire ("/v3/pay/transactions/native"),
    /// or nil when `url` is not an absolute URL.
    public static func canonicalURL(_ url: String) -> String? {
        guard let components = URLComponents(string: url), components.scheme != nil, components.host != nil else { return nil }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        guard let query = components.percentEncodedQuery else { return path }
        return path + "?" + query
    }

    /// The `Authorization` header of a signed request. Values are quoted, so none may hold a quote.
    public static func authorization(mchID: String, nonce: String, signature: String, timestamp: String, serialNo: String) -> String {
        "\(scheme) mchid=\"\(mchID)\",nonce_str=\"\(nonce)\",signature=\"\(signature)\",timestamp=\"\(timestamp)\",serial_no=\"\(serialNo)\""
    }

    /// Unix seconds, the form of every v3 timestamp.
    public static func timestamp(_ date: Date) -> String {
        String(Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// True when `timestamp` (Unix seconds, digits only) is within `maximumClockSkew` of `now`.
    public static func isFresh(_ timestamp: String, now: Date, tolerance: TimeInterval = maximumClockSkew) -> Bool {
        guard !timestamp.isEmpty, timestamp.count <= 12, timestamp.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let seconds = Int64(timestamp) else { return false }
        return abs(now.timeIntervalSince1970 - TimeInterval(seconds)) <= tolerance
    }

    /// A value that may appear inside the quotes of the `Authorization` header: printable ASCII, no
    /// quote, comma or backslash (merchant ids, serial numbers, nonces).
    public static func isHeaderSafe(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\\") }
    }
}
