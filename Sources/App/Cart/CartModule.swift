import FluentKit
import Hummingbird

/// Everything the Cart domain adds to the application.
enum CartModule {
    static let migrations: [any Migration] = [CreateCartLines()]
    static let loginHooks: [any LoginHook] = [CartMergeOnLogin()]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        CartController(services: services).addRoutes(to: routes)
    }
}
