import Foundation
import Hummingbird

/// One structured log line per request, with an id echoed in `X-Request-Id` so a shopper's report can be traced.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let requestID = request.headers[.init("X-Request-Id")!].flatMap { $0.count <= 64 ? $0 : nil } ?? context.id
        var response = try await next(request, context)
        response.headers[.init("X-Request-Id")!] = requestID
        let elapsed = ContinuousClock.now - start
        context.logger.info("request", metadata: [
            "request_id": "\(requestID)", "method": "\(request.method)", "path": "\(request.uri.path)",
            "route": "\(context.endpointPath ?? "NotFound")", "status": "\(response.status.code)",
            "ms": "\(elapsed.components.attoseconds / 1_000_000_000_000_000 + elapsed.components.seconds * 1000)",
        ])
        return response
    }
}
