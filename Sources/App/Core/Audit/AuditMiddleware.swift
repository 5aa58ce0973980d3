import Foundation
import Hummingbird
import Logging

/// On the back office's write doors: every request that changes something and succeeds leaves one `audit_log` row —
/// who, when, the route, its target, the request as sent (secrets masked) and what the handler noted in
/// `context.audit` (the state before and after). Refused requests (4xx) change nothing and leave none. The row is
/// written after the change; should that fail, the change stands and the failure is logged as an error.
public struct AuditMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let trail: AuditTrail
    let logger: Logger

    public init(trail: AuditTrail, logger: Logger) {
        self.trail = trail
        self.logger = logger
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, request.method != .options, case .authenticated(let staff) = context.auth else {
            return try await next(request, context)
        }
        var request = request
        // A form is read once here and kept in the request, so the handler reads the same bytes (a body too large is
        // refused here: its stream is spent, and the handler can't read it again). An uploaded file is left to its
        // handler, which streams it: the row says only its size and type.
        var body: ByteBuffer?
        if RequestInput.isForm(request) {
            do {
                body = try await request.collectBody(upTo: RequestInput.maxBodyBytes)
            } catch {
                throw APIError.bodyTooLarge
            }
        }
        var context = context
        let note = AuditNote()
        context.audit = note
        let response = try await next(request, context)
        guard (200..<300).contains(response.status.code) else { return response }
        let noted = note.value
        let route = context.endpointPath ?? request.uri.path
        let entry = AuditTrail.Entry(
            staffID: staff.id, staffUsername: staff.username, action: "\(request.method) \(route)", method: "\(request.method)",
            path: request.uri.path, targetType: noted.targetType ?? Self.targetType(route: route),
            targetID: noted.targetID ?? context.parameters.first?.value.description, status: Int(response.status.code),
            request: body.map { Self.maskedRequest($0, contentType: request.headers[.contentType]) }
                ?? Self.uploadSummary(length: request.headers[.contentLength], contentType: request.headers[.contentType]),
            before: noted.before, after: noted.after, summary: noted.summary)
        do {
            try await trail.record(entry)
        } catch {
            logger.error("audit row not written", metadata: ["action": "\(entry.action)", "staff": "\(staff.id)", "error": "\(error)"])
        }
        return response
    }

    /// The route's first segment naming a thing (`/admin/api/roles/{id}` → `roles`, `/orders/{order_id}/ship` → `orders`).
    static func targetType(route: String) -> String {
        route.split(separator: "/").first { !["admin", "api", "staff"].contains($0) && !$0.hasPrefix("{") && !$0.hasPrefix(":") }
            .map(String.init) ?? "shop"
    }

    static let secretWords = ["password", "secret", "token", "key", "sms_code"]

    /// An upload as the row tells it: its size as sent and its type (its bytes are not kept).
    static func uploadSummary(length: String?, contentType: String?) -> String {
        "\(length ?? "?") bytes of \(contentType ?? "unknown type")"
    }

    /// The JSON body with secret-looking fields masked; other bodies by size and type (an upload's bytes are not kept).
    static func maskedRequest(_ body: ByteBuffer, contentType: String?) -> String? {
        guard body.readableBytes > 0 else { return nil }
        let data = Data(body.readableBytesView)
        guard (contentType ?? "application/json").lowercased().hasPrefix("application/json"),
              var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return "\(body.readableBytes) bytes of \(contentType ?? "unknown type")"
        }
        for key in object.keys where secretWords.contains(where: { key.lowercased().contains($0) }) { object[key] = "***" }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
