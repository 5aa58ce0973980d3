import Foundation
import Hummingbird
import NIOCore

/// Encoded JSON answers of public GET endpoints, kept a few seconds by host and URI — what a caching proxy in
/// front of the shop would do, inside the process. Only answers that don't depend on who asks may use it.
public final class ResponseCache: Sendable {
    private let entries: ExpiringCache<String, ByteBuffer>

    public init(lifetime: Duration, capacity: Int = 2_000) {
        entries = ExpiringCache(lifetime: lifetime, capacity: capacity)
    }

    /// The cached answer for this request, or `produce`'s value encoded and kept. Errors are never cached. `variant`
    /// separates answers the URI alone doesn't (prices at the shop clock's moment, say).
    public func json(_ request: Request, context: AppRequestContext, variant: String = "",
                     produce: () async throws -> some Encodable) async throws -> Response {
        let key = (request.head.authority ?? "") + " " + request.uri.description + " " + variant
        let body = try await entries.value(for: key) { ByteBuffer(data: try context.responseEncoder.encode(try await produce())) }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    public func removeAll() { entries.removeAll() }
}
