import Foundation
import Hummingbird
import HummingbirdTesting
@testable import App

extension TestResponse {
    /// The value the response sets for the `cart` cookie, if it sets one.
    var cartCookie: String? {
        for field in headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0]
            if pair.hasPrefix("cart=") { return String(pair.dropFirst(5)) }
        }
        return nil
    }

    /// Whether the response tells the browser to drop the `cart` cookie.
    var clearsCartCookie: Bool {
        headers[values: .setCookie].contains { $0.hasPrefix("cart=;") && $0.contains("Max-Age=0") }
    }
}

extension TestClientProtocol {
    /// A cart request carrying the anonymous cookie (and the token the logged-out front end sends).
    @discardableResult
    func cart(_ method: HTTPRequest.Method, _ uri: String = "/cart/", json: [String: Any]? = nil, cookie: String? = nil, token: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "JWT \(token ?? "undefined")"]
        if let cookie { headers[.cookie] = "cart=\(cookie)" }
        return try await send(method, uri, json: json, headers: headers)
    }
}
