import Foundation
import Hummingbird
import MeiduoRules

/// Reading and writing the anonymous cart's `cart` cookie.
public struct CartCookie: Sendable {
    public static let name = "cart"
    static let lifetime = 30 * 86_400
    let codec: CartCookieCodec

    public init(secret: String) { codec = CartCookieCodec(secret: secret) }

    /// The cookie's lines; a missing, tampered or oversized cookie counts as an empty cart.
    public func lines(in request: Request) -> [CartLineValue] {
        guard let value = request.cookies[Self.name]?.value else { return [] }
        return codec.decode(value) ?? []
    }

    public func cookie(for lines: [CartLineValue]) -> Cookie {
        Cookie(name: Self.name, value: codec.encode(lines), maxAge: Self.lifetime, path: "/", httpOnly: true, sameSite: .lax)
    }

    public var clearing: Cookie {
        Cookie(name: Self.name, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax)
    }
}

/// At login the cookie cart merges into the stored one and the cookie is cleared in the same response.
public struct CartMergeOnLogin: LoginHook {
    public init() {}

    public func userLoggedIn(userID: Int, request: Request, services: AppServices) async throws -> [Cookie] {
        let cookie = CartCookie(secret: services.config.secretKey)
        guard request.cookies[CartCookie.name] != nil else { return [] }
        try await CartService(services: services).merge(cookie.lines(in: request), intoUser: userID)
        return [cookie.clearing]
    }
}
