import Hummingbird

/// Wraps any Encodable (arrays included) as a JSON response.
struct JSONResponse<Value: Encodable & Sendable>: ResponseEncodable {
    let value: Value
    init(_ value: Value) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
