import Crypto
import Foundation

/// One line of a shopping cart.
public struct CartLineValue: Sendable, Equatable, Codable {
    public var skuID: Int
    public var count: Int
    public var selected: Bool

    public init(skuID: Int, count: Int, selected: Bool) {
        self.skuID = skuID
        self.count = count
        self.selected = selected
    }
}

/// The anonymous cart's cookie: `v1.<lines>.<signature>` where lines are `sku:count:selected` joined by `-`
/// (e.g. `1:2:1-5:1:0`) and the signature is HMAC-SHA256 over the lines, base64url. Compact, unforgeable
/// and bounded — never a pickle the server would have to trust.
public struct CartCookieCodec: Sendable {
    public static let maxLines = 100
    public static let maxCount = 9_999
    public static let maxCookieBytes = 3_800

    let key: SymmetricKey

    public init(secret: String) {
        // A key of its own, so a cart signature can never be replayed as any other token.
        key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("meiduo.cart-cookie.v1".utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    public func encode(_ lines: [CartLineValue]) -> String {
        let body = lines.prefix(Self.maxLines).map { "\($0.skuID):\($0.count):\($0.selected ? 1 : 0)" }.joined(separator: "-")
        return "v1.\(body).\(signature(of: body))"
    }

    /// The cart in a cookie, or nil when the value is missing, oversized, malformed or not signed by us.
    public func decode(_ value: String) -> [CartLineValue]? {
        guard value.utf8.count <= Self.maxCookieBytes else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1" else { return nil }
        let body = String(parts[1])
        guard let given = Self.base64URLDecode(String(parts[2])),
              HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Data(body.utf8), using: key) else { return nil }
        if body.isEmpty { return [] }
        var lines: [CartLineValue] = []
        var seen = Set<Int>()
        for item in body.split(separator: "-") {
            let fields = item.split(separator: ":")
            guard fields.count == 3, let sku = Int(fields[0]), sku > 0, let count = Int(fields[1]), (1...Self.maxCount).contains(count),
                  fields[2] == "0" || fields[2] == "1", seen.insert(sku).inserted else { return nil }
            lines.append(CartLineValue(skuID: sku, count: count, selected: fields[2] == "1"))
        }
        return lines.count <= Self.maxLines ? lines : nil
    }

    func signature(of body: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: key)
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func base64URLDecode(_ s: String) -> Data? {
        var base64 = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
