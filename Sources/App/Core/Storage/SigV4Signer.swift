import Crypto
import Foundation

/// AWS Signature Version 4 for header-authenticated requests, as S3 and S3-compatible stores
/// (MinIO, Aliyun OSS, Qiniu Kodo) verify it:
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
///
/// The path is given unencoded ("/bucket/goods/a b.jpg") and encoded here with `uriEncode`;
/// the HTTP request must use the same encoding (`canonicalURI`). S3 paths are not normalised.
public struct SigV4Signer: Sendable {
    public let accessKeyID: String
    public let secretAccessKey: String
    public let region: String
    public let service: String

    public static let algorithm = "AWS4-HMAC-SHA256"
    /// Hex SHA-256 of an empty payload.
    public static let emptyPayloadHash = hexSHA256([])

    public init(accessKeyID: String, secretAccessKey: String, region: String, service: String = "s3") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    /// `headers` plus `x-amz-date` (from `date`), `x-amz-content-sha256` (= `payloadHash`)
    /// unless already present, and `Authorization`. Include `Host` in `headers`: it is signed.
    public func sign(
        method: String,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)],
        payloadHash: String,
        date: Date = ShopClock.system.now()
    ) -> [(name: String, value: String)] {
        var headers = headers
        let present = Set(headers.map { $0.name.lowercased() })
        if !present.contains("x-amz-date") {
            headers.append((name: "x-amz-date", value: Self.amzDate(date)))
        }
        if !present.contains("x-amz-content-sha256") {
            headers.append((name: "x-amz-content-sha256", value: payloadHash))
        }
        let authorization = authorization(
            method: method, path: path, query: query, headers: headers, payloadHash: payloadHash, date: date)
        headers.append((name: "Authorization", value: authorization))
        return headers
    }

    /// The `Authorization` header value for a request whose headers are exactly `headers`.
    public func authorization(
        method: String,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)],
        payloadHash: String,
        date: Date
    ) -> String {
        let canonical = Self.canonicalHeaders(headers)
        let request = Self.canonicalRequest(
            method: method, path: path, query: query, headers: headers, payloadHash: payloadHash)
        let signature = signature(stringToSign: stringToSign(canonicalRequest: request, date: date), date: date)
        return "\(Self.algorithm) Credential=\(accessKeyID)/\(scope(date)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
    }

    /// The query of a presigned request (query-string authentication): anyone holding the URL may make this one
    /// request until `expiresIn` seconds after `date` (S3 allows at most 7 days). Only `host` is signed; the payload
    /// is `UNSIGNED-PAYLOAD`, as for every presigned GET.
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
    public func presignedQuery(method: String, path: String, host: String, expiresIn: Int, date: Date) -> [(name: String, value: String)] {
        var query: [(name: String, value: String)] = [
            ("X-Amz-Algorithm", Self.algorithm),
            ("X-Amz-Credential", "\(accessKeyID)/\(scope(date))"),
            ("X-Amz-Date", Self.amzDate(date)),
            ("X-Amz-Expires", String(min(max(expiresIn, 1), 604_800))),
            ("X-Amz-SignedHeaders", "host"),
        ]
        let request = Self.canonicalRequest(method: method, path: path, query: query, headers: [("host", host)], payloadHash: "UNSIGNED-PAYLOAD")
        query.append(("X-Amz-Signature", signature(stringToSign: stringToSign(canonicalRequest: request, date: date), date: date)))
        return query
    }

    /// "{yyyyMMdd}/{region}/{service}/aws4_request"
    func scope(_ date: Date) -> String {
        "\(Self.dateStamp(date))/\(region)/\(service)/aws4_request"
    }

    func stringToSign(canonicalRequest: String, date: Date) -> String {
        [Self.algorithm, Self.amzDate(date), scope(date), Self.hexSHA256(Array(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    /// Hex HMAC-SHA256 of `stringToSign` with the kDate → kRegion → kService → kSigning key.
    func signature(stringToSign: String, date: Date) -> String {
        func hmac(_ key: SymmetricKey, _ message: String) -> SymmetricKey {
            SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: key))
        }
        let kSecret = SymmetricKey(data: Array("AWS4\(secretAccessKey)".utf8))
        let kDate = hmac(kSecret, Self.dateStamp(date))
        let kSigning = hmac(hmac(hmac(kDate, region), service), "aws4_request")
        let mac = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: kSigning)
        return Self.hex(mac)
    }

    static func canonicalRequest(
        method: String,
        path: String,
        query: [(name: String, value: String)],
        headers: [(name: String, value: String)],
        payloadHash: String
    ) -> String {
        let canonical = canonicalHeaders(headers)
        return [
            method.uppercased(), canonicalURI(path), canonicalQuery(query),
            canonical.text, canonical.signedHeaders, payloadHash,
        ].joined(separator: "\n")
    }

    /// The path as sent and signed: every byte except unreserved characters and "/" escaped.
    public static func canonicalURI(_ path: String) -> String {
        let encoded = uriEncode(path, encodeSlash: false)
        return encoded.hasPrefix("/") ? encoded : "/" + encoded
    }

    /// Names and values encoded, sorted by name then value, joined with "&".
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map { parameter in
            (uriEncode(parameter.name, encodeSlash: true), uriEncode(parameter.value, encodeSlash: true))
        }
        let sorted = encoded.sorted { a, b in a.name == b.name ? a.value < b.value : a.name < b.name }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// "name:value\n" lines (names lowercased, values trimmed with inner runs of spaces
    /// collapsed, repeated names joined with ","), sorted; and the ";"-joined names.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (text: String, signedHeaders: String) {
        var values: [String: [String]] = [:]
        for header in headers {
            let value = header.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            values[header.name.lowercased().trimmingCharacters(in: .whitespaces), default: []].append(value)
        }
        let names = values.keys.sorted()
        let text = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return (text, names.joined(separator: ";"))
    }

    /// RFC 3986 percent-encoding of the UTF-8 bytes: A–Z a–z 0–9 - . _ ~ stay, as does "/"
    /// unless `encodeSlash`; everything else becomes %XX (uppercase hex).
    public static func uriEncode(_ string: String, encodeSlash: Bool) -> String {
        var result = ""
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where !encodeSlash:
                result.append("/")
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// yyyyMMdd'T'HHmmss'Z' in UTC.
    public static func amzDate(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String { String(value ?? 0).leftPadded(to: width) }
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + "Z"
    }

    /// yyyyMMdd in UTC.
    static func dateStamp(_ date: Date) -> String {
        String(amzDate(date).prefix(8))
    }

    public static func hexSHA256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
