import Hummingbird

/// `page` and `page_size` as DRF's PageNumberPagination reads them: a page that is not a positive
/// integer, or lies past the end, is a 404 "无效页面。"; a bad page_size falls back to the default.
public struct PageRequest: Sendable, Equatable {
    public let page: Int
    public let size: Int

    public var offset: Int { (page - 1) * size }

    public init(page: Int, size: Int) {
        self.page = page
        self.size = size
    }

    public static func parse(_ request: Request, defaultSize: Int = 5, maxSize: Int = 20) throws -> PageRequest {
        let query = request.uri.queryParameters
        var page = 1
        if let raw = query.get("page"), raw != "last" {
            guard let value = Int(raw), value >= 1, value <= 1_000_000 else { throw APIError.invalidPage }
            page = value
        }
        var size = defaultSize
        if let raw = query.get("page_size"), let value = Int(raw), value >= 1 { size = min(value, maxSize) }
        return PageRequest(page: page, size: size)
    }

    /// Checks the page against the total, as DRF does: page 1 of nothing is an empty page, not an error.
    public func validate(count: Int) throws {
        if page > 1 && offset >= count { throw APIError.invalidPage }
    }
}

/// DRF's page body: `{count, next, previous, results}` with absolute links.
public struct Page<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    public let count: Int
    public let next: String?
    public let previous: String?
    public let results: [Item]

    public init(count: Int, results: [Item], request: PageRequest, httpRequest: Request) {
        self.count = count
        self.results = results
        let hasNext = request.offset + results.count < count
        next = hasNext ? Self.link(httpRequest, page: request.page + 1) : nil
        previous = request.page > 1 ? Self.link(httpRequest, page: request.page - 1) : nil
    }

    enum CodingKeys: String, CodingKey { case count, next, previous, results }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        try c.encode(next, forKey: .next)
        try c.encode(previous, forKey: .previous)
        try c.encode(results, forKey: .results)
    }

    /// The same URL with `page` replaced (DRF drops `page` for page 1).
    static func link(_ request: Request, page: Int) -> String {
        var items = request.uri.queryParameters.filter { $0.key != "page" }.map { "\($0.key)=\(percentEncode(String($0.value)))" }
        if page > 1 { items.append("page=\(page)") }
        let scheme = request.headers[.init("X-Forwarded-Proto")!] ?? "http"
        let host = request.head.authority ?? "127.0.0.1"
        return "\(scheme)://\(host)\(request.uri.path)" + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
    }

    static func percentEncode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded()
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded() -> String { count == 1 ? "0" + self : self }
}
