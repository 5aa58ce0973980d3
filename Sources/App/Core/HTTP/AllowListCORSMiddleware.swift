import Hummingbird

/// CORS for a separately hosted front end: only configured origins, echoed exactly (never `*`),
/// with credentials so the anonymous cart cookie travels.
public struct AllowListCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowedOrigins: Set<String>
    static var allowedHeaders: String { "Authorization, Content-Type, Accept, Origin, X-Requested-With" }
    static var allowedMethods: String { "GET, POST, PUT, PATCH, DELETE, OPTIONS" }

    public init(allowedOrigins: [String]) {
        self.allowedOrigins = Set(allowedOrigins.map { $0.lowercased() })
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        let allowed = allowedOrigins.contains(origin.lowercased())
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: allowed ? .noContent : .forbidden)
            if allowed {
                addCORSHeaders(to: &response, origin: origin)
                response.headers[.accessControlAllowMethods] = Self.allowedMethods
                response.headers[.accessControlAllowHeaders] = Self.allowedHeaders
                response.headers[.accessControlMaxAge] = "86400"
            }
            response.headers[.vary] = "Origin"
            return response
        }
        var response = try await next(request, context)
        if allowed { addCORSHeaders(to: &response, origin: origin) }
        response.headers[.vary] = "Origin"
        return response
    }

    private func addCORSHeaders(to response: inout Response, origin: String) {
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlAllowCredentials] = "true"
    }
}
