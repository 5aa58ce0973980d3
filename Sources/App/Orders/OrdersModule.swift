import FluentKit
import Hummingbird

/// Everything the Orders domain adds to the application.
enum OrdersModule {
    static let migrations: [any Migration] = [CreateOrderInfo(), CreateOrderGoods(), AddOrderAdjustments(), AddOrderLineDiscounts(),
                                                    AllowOrdersWithoutAddress(), CreateOrderCourses(), AddOrderTimeIndex(),
                                                    CreateOrderShipments(), CreateOrderNotes()]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        OrdersController(services: services).addRoutes(to: routes)
        AdminOrdersController(services: services).addRoutes(to: routes)
        CommentsController(services: services).addRoutes(to: routes)
    }

    /// The unpaid-order timeout (seed 002: an unpaid order is cancelled after a set time).
    static func registerJobs(in registry: inout JobRegistry) {
        registry.register(OrderPlacement.timeoutJob, OrderPlacement.OrderIDPayload.self) { payload, context in
            try await OrderLifecycle(services: context.services).cancel(orderID: payload.order_id)
        }
    }
}
