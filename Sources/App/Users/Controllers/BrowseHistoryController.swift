import Hummingbird

/// `POST /browse_histories/ {sku_id}` records a view; `GET /browse_histories/` lists the latest five SKUs.
struct BrowseHistoryController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.post("browse_histories", use: record)
        routes.user.get("browse_histories", use: list)
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SKUIDDTO> {
        let user = try context.requireUser()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let skuID = form.int("sku_id", min: 1)
        try form.finish()
        guard try await services.skus.exists(skuID!) else { throw APIError.field("sku_id", "该商品不存在") }
        try await BrowseHistoryService(services: services).record(userID: user.id, skuID: skuID!)
        return EditedResponse(status: .created, response: SKUIDDTO(sku_id: skuID!))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let ids = try await BrowseHistoryService(services: services).recentSKUIDs(userID: user.id)
        return try JSONResponse(try await services.skus.summaries(ids)).response(from: request, context: context)
    }
}
