import Foundation
import Hummingbird
import NIOCore

struct OperationsController {
    let services: AppServices
    let readiness: ReadinessCheck

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("health", use: health)
        routes.open.get("ready", use: ready)
        routes.open.get("metrics", use: metrics)
        routes.open.get("openapi.json", use: openAPI)
        routes.open.get("features", use: features)
    }

    /// Which optional third parties this shop has configured, so the storefront shows only buttons that work
    /// (a QQ login button, Alipay and WeChat Pay at checkout) without asking for them and failing.
    struct Features: ResponseEncodable {
        let qq_login: Bool
        let alipay: Bool
        let wechat_pay: Bool
    }

    @Sendable func features(_ request: Request, context: AppRequestContext) -> Features {
        Features(qq_login: services.config.qq.isConfigured, alipay: services.config.alipay != nil, wechat_pay: services.config.wechatPay != nil)
    }

    struct Status: ResponseEncodable {
        let status: String
        var detail: String?
    }

    /// The process is up and answering; says nothing about the database, so a load balancer keeps it while PostgreSQL restarts.
    @Sendable func health(_ request: Request, context: AppRequestContext) -> Status {
        Status(status: "ok")
    }

    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Status> {
        if let problem = await readiness.problem() {
            return EditedResponse(status: .serviceUnavailable, response: Status(status: "unavailable", detail: problem))
        }
        return EditedResponse(status: .ok, response: Status(status: "ready"))
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            services.metrics.updateQueueDepth(try await services.jobQueue().depth())
        } catch {
            // Still export the in-process counters when the database is away; the stale gauges say so by not moving.
            context.logger.warning("job queue depth unavailable", metadata: ["error": "\(error)"])
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: services.metrics.exposition()))
        )
    }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) throws -> Response {
        guard let document = OpenAPIDocument.bytes else { throw APIError.notFound }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }
}
