import Foundation
import Hummingbird

/// Refuses a path or query carrying an encoded NUL (`%00`) before any handler passes it to the database:
/// PostgreSQL text can't hold U+0000 and would fail the query.
public struct NullCharacterGuard<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let uri = request.uri.description
        if uri.utf8.contains(0) || uri.range(of: "%00", options: .caseInsensitive) != nil {
            throw HTTPError(.badRequest, message: "请求路径或参数中不允许包含空字符。")
        }
        return try await next(request, context)
    }
}
