import Hummingbird

/// Goods endpoints of seed 000: category lists, breadcrumb, hot SKUs, SKU detail and the home page data.
struct CatalogController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("categories/:id/skus", use: list)
        routes.open.get("categories/:id/hotskus", use: hot)
        routes.open.get("categories/:id", use: breadcrumb)
        routes.open.post("categories/:id/visits", use: visit)
        routes.open.get("skus/:id", use: detail)
        routes.open.get("home", use: home)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await services.catalogCaches.responses.json(request, context: context) { try await page(request, context: context) }
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> Page<SKUSummaryDTO> {
        let categoryID = try context.pathID()
        let page = try PageRequest.parse(request)
        let ordering = try SKUOrdering.parse(request.uri.queryParameters.get("ordering").map { String($0) })
        // Like the original's SKUListView, a category with no SKUs on sale (or none at all) is an empty page.
        let queries = SKUListQueries(sql: services.readSQL(), imageBase: services.config.imageBaseURL)
        let count = try await services.catalogCaches.listCounts.value(for: categoryID) { try await queries.count(categoryID: categoryID) }
        try page.validate(count: count)
        let results = try await queries.page(categoryID: categoryID, ordering: ordering, limit: page.size, offset: page.offset)
        return Page(count: count, results: results, request: page, httpRequest: request)
    }

    @Sendable func hot(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await services.catalogCaches.responses.json(request, context: context) {
            try await CatalogService(services: services).hotSKUs(categoryID: try context.pathID())
        }
    }

    @Sendable func breadcrumb(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await services.catalogCaches.responses.json(request, context: context) { () async throws -> BreadcrumbDTO in
            do {
                return try await CatalogService(services: services).breadcrumb(categoryID: try context.pathID())
            } catch let error as APIError where error == .notFound {
                // The original's CategoryView answered this itself.
                throw APIError.message("类别不存在")
            }
        }
    }

    /// A product page was opened: one visit for its category today (the back office's visits per category).
    @Sendable func visit(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        guard try await CategoryVisits(services: services).record(categoryID: try context.pathID()) else { throw APIError.notFound }
        return .noContent
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await services.catalogCaches.responses.json(request, context: context) {
            try await CatalogService(services: services).detail(skuID: try context.pathID())
        }
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await services.catalogCaches.responses.json(request, context: context) { try await HomeService(services: services).home() }
    }

}
