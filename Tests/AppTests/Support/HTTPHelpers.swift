import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import App

extension TestResponse {
    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    var array: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [[String: Any]] ?? []
    }

    var text: String { String(buffer: body) }
}

extension TestClientProtocol {
    /// Sends `json` (a dictionary) as the body, with an optional login token.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, json: [String: Any]? = nil, token: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "JWT \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }

    /// Sends an urlencoded form body.
    @discardableResult
    func sendForm(_ method: HTTPRequest.Method, _ uri: String, form: String, token: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let token { headers[.authorization] = "JWT \(token)" }
        return try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: form))
    }
}
