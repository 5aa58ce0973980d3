import Hummingbird

/// Probes and documents for whoever runs the shop: liveness, readiness, Prometheus metrics and the API contract.
enum OperationsModule {
    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        OperationsController(services: services, readiness: ReadinessCheck(services: services)).addRoutes(to: routes)
    }
}
