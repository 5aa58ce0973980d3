import Foundation
import Hummingbird
import NIOCore

/// `GET /areas/` (provinces) and `GET /areas/<id>/` (an area with its children), served from memory.
struct AreasController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("areas", use: provinces)
        routes.open.get("areas/:id", use: area)
    }

    @Sendable func provinces(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await services.areas.encoded.value(for: 0) {
            try Self.encode(try await services.areas.provinces(services.readSQL()), context: context)
        }
        return cacheable(body)
    }

    @Sendable func area(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int.self), id > 0 else { throw UsersError.areaNotFound }
        let body = try await services.areas.encoded.value(for: id) {
            guard let area = try await services.areas.area(id, services.readSQL()) else { throw UsersError.areaNotFound }
            return try Self.encode(area, context: context)
        }
        return cacheable(body)
    }

    /// Areas are encoded once: the answer for an id never changes while the process runs.
    static func encode(_ value: some Encodable, context: AppRequestContext) throws -> ByteBuffer {
        ByteBuffer(data: try context.responseEncoder.encode(value))
    }

    /// Areas change only with a new release, so browsers and proxies may keep them for an hour.
    private func cacheable(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=3600"],
                 body: .init(byteBuffer: body))
    }
}
