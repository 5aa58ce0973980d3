import FluentKit
import Hummingbird

/// Everything SKU search adds to the application: the index, its jobs and the search endpoint.
enum SearchModule {
    static let migrations: [any Migration] = [CreateSKUSearch(), CreateSKUSearchTerms()]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        SearchController(services: services).addRoutes(to: routes)
    }

    /// The index follows the catalog through the jobs `CatalogEvents` queues.
    static func registerJobs(in registry: inout JobRegistry) {
        registry.register(CatalogEvents.indexSKUs, CatalogEvents.SKUIDs.self) { payload, context in
            try await SearchIndex(services: context.services).index(skuIDs: payload.ids)
        }
        registry.register(CatalogEvents.reindexAll) { context in
            let count = try await SearchIndex(services: context.services).rebuild()
            context.logger.info("search index rebuilt", metadata: ["skus": "\(count)"])
        }
    }
}
