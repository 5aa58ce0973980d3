import Foundation
import Hummingbird

/// One search result as the original (drf-haystack) API gave it: `{text, object}`.
public struct SearchHitDTO: Codable, Sendable, Equatable {
    public let text: String
    public let object: SKUSummaryDTO

    init(_ hit: SearchHit) {
        text = hit.text
        object = hit.sku
    }
}

/// `GET /skus/search/?text=&page=&page_size=&ordering=` (seed 000 商品搜索).
/// `skus/search` is a constant path component, which the router prefers to the catalog's `skus/:id`.
struct SearchController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("skus/search", use: search)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await services.catalogCaches.responses.json(request, context: context) { try await page(request) }
    }

    func page(_ request: Request) async throws -> Page<SearchHitDTO> {
        let parameters = request.uri.queryParameters
        // Percent-decoded already; a `+` for a space needs no decoding, as the tokenizer splits on it anyway.
        let text = parameters.get("text").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard !text.isEmpty else { throw APIError.field("text", DRFMessage.required) }
        let ordering = try SearchOrdering.parse(parameters.get("ordering").map { String($0) })
        let page = try PageRequest.parse(request)
        let (count, hits) = try await SearchIndex(database: services.readDB(), imageBase: services.config.imageBaseURL)
            .search(text: text, ordering: ordering, page: page)
        return Page(count: count, results: hits.map(SearchHitDTO.init), request: page, httpRequest: request)
    }
}
