import Hummingbird
import Synchronization

/// The routes' path patterns and their methods, filled once the router has every route.
public final class RouteTable: Sendable {
    private let patterns = Mutex<[(segments: [Substring], methods: [String])]>([])

    public init() {}

    public func fill(from routes: [Router<AppRequestContext>.RouteDescription]) {
        var byPath: [String: [String]] = [:]
        for route in routes { byPath[route.path.description, default: []].append(route.method.rawValue) }
        patterns.withLock { patterns in
            patterns = byPath.map { (path, methods) in (Self.segments(path), methods.sorted()) }
        }
    }

    /// The methods a path answers, or nil when no route has that path. Where patterns overlap
    /// (`/auctions/deposit` and `/auctions/{id}`) the router takes the one with a fixed segment first, so this does too.
    public func methods(for path: String) -> [String]? {
        let wanted = Self.segments(path)
        return patterns.withLock { patterns in
            patterns.filter { pattern in
                pattern.segments.count == wanted.count
                    && zip(pattern.segments, wanted).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }.max { Self.isLessSpecific($0.segments, than: $1.segments) }?.methods
        }
    }

    /// Segment by segment from the left, a fixed segment beats a parameter.
    static func isLessSpecific(_ a: [Substring], than b: [Substring]) -> Bool {
        for (x, y) in zip(a, b) where x.hasPrefix("{") != y.hasPrefix("{") { return x.hasPrefix("{") }
        return false
    }

    static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}

/// DRF answers a known path with a method it lacks as 405 and an `Allow` header, not 404.
public struct MethodNotAllowedMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let table: RouteTable

    public init(table: RouteTable) { self.table = table }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            guard let methods = table.methods(for: request.uri.path) else { throw error }
            var response = Response.json(status: .methodNotAllowed, data: ErrorBody.detail("方法 “\(request.method.rawValue)” 不被允许。").jsonData)
            response.headers[.allow] = methods.joined(separator: ", ")
            return response
        }
    }
}
