import Hummingbird

/// `GET /areas/` (provinces) and `GET /areas/<id>/` (an area with its children), served from memory.
struct AreasController {
    let services: AppServices

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("areas", use: provinces)
        router.get("areas/:id", use: area)
    }

    @Sendable func provinces(_ request: Request, context: AppRequestContext) async throws -> Response {
        let list = try await services.areas.provinces(services.sql())
        return try cacheable(JSONResponse(list).response(from: request, context: context))
    }

    @Sendable func area(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int.self),
              let area = try await services.areas.area(id, services.sql()) else { throw UsersError.areaNotFound }
        return try cacheable(JSONResponse(area).response(from: request, context: context))
    }

    /// Areas change only with a new release, so browsers and proxies may keep them for an hour.
    private func cacheable(_ response: Response) -> Response {
        var response = response
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }
}

/// Wraps any Encodable (arrays included) as a JSON response.
struct JSONResponse<Value: Encodable & Sendable>: ResponseEncodable {
    let value: Value
    init(_ value: Value) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
