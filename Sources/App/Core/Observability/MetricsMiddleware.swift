import Hummingbird

/// Counts every answer by the router's route pattern (unmatched paths share one label) and times it.
public struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ShopMetrics

    public init(metrics: ShopMetrics) { self.metrics = metrics }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status.code, start: start)
            return response
        } catch {
            // Errors are turned into responses further in; anything still thrown becomes a 500 in the server.
            record(request, context: context, status: (error as? any HTTPResponseError)?.status.code ?? 500, start: start)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, status: Int, start: ContinuousClock.Instant) {
        let route = context.endpointPath ?? "NotFound"
        metrics.recordRequest(route: route, method: request.method.rawValue, status: status, duration: ContinuousClock.now - start)
    }
}
