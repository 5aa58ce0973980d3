import Foundation

/// The page jobs queued by `CatalogEvents`: they write into `AppConfig.publicDirectory` (`PUBLIC_DIR`).
enum StaticPagesModule {
    static func registerJobs(in registry: inout JobRegistry) {
        registry.register(CatalogEvents.generateAllPages) { context in
            let result = try await generator(context).generateAll()
            context.logger.info("generated index.html and \(result.skus) SKU page(s)")
        }
        registry.register(CatalogEvents.generateIndexPage) { context in
            try await generator(context).generateIndex()
        }
        registry.register(CatalogEvents.generateSKUPages, CatalogEvents.SKUIDs.self) { payload, context in
            try await generator(context).generateSKUPages(ids: payload.ids)
        }
    }

    static func generator(_ context: JobContext) -> StaticPageGenerator {
        StaticPageGenerator(services: context.services, outputDirectory: context.services.config.publicDirectory)
    }
}
