import Foundation
import Hummingbird
import MeiduoRules

/// A request's submitted fields, from a JSON object or an urlencoded form ("JSON 或 表单").
public struct RequestInput: Sendable {
    public var values: [String: InputValue]

    public init(values: [String: InputValue]) { self.values = values }

    static let maxBodyBytes = 1 << 20

    /// Whether the body is a form (JSON or urlencoded, or none said) rather than an uploaded file, which its handler
    /// streams (`StaffUploads`) and nobody else reads.
    static func isForm(_ request: Request) -> Bool {
        guard let type = request.headers[.contentType]?.lowercased() else { return true }
        return type.hasPrefix("application/json") || type.hasPrefix("application/x-www-form-urlencoded") || type.hasPrefix("text/plain")
    }

    /// Reads the body; malformed JSON, non-UTF-8 text or a non-object body is a 400, an oversized body a 413.
    public static func body(of request: Request, context: some RequestContext) async throws -> RequestInput {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw APIError.bodyTooLarge
        }
        guard buffer.readableBytes > 0 else { return RequestInput(values: [:]) }
        let data = Data(buffer.readableBytesView)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            guard let text = String(data: data, encoding: .utf8) else { throw APIError.malformedBody }
            return RequestInput(values: parseForm(text))
        }
        if contentType.isEmpty || contentType.hasPrefix("application/json") || contentType.hasPrefix("text/plain") {
            return try parseJSON(data)
        }
        throw APIError.unsupportedMediaType
    }

    /// The query string's parameters (last value wins, as Django's QueryDict.get does).
    public static func query(of request: Request) -> RequestInput {
        var values: [String: InputValue] = [:]
        for (key, value) in request.uri.queryParameters {
            values[String(key)] = .string(String(value))
        }
        return RequestInput(values: values)
    }

    static func parseJSON(_ data: Data) throws -> RequestInput {
        guard String(data: data, encoding: .utf8) != nil,
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
              let dict = object as? [String: Any]
        else { throw APIError.malformedBody }
        return RequestInput(values: dict.mapValues(InputValue.init(json:)))
    }

    static func parseForm(_ text: String) -> [String: InputValue] {
        var values: [String: InputValue] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decodeFormComponent(parts[0])
            let value = parts.count > 1 ? decodeFormComponent(parts[1]) : ""
            values[key] = .string(value)
        }
        return values
    }

    private static func decodeFormComponent(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
