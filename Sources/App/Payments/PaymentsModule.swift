import FluentKit
import Hummingbird

/// Everything the Payments domain adds to the application.
enum PaymentsModule {
    static let migrations: [any Migration] = [CreatePayments()]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        PaymentsController(services: services).addRoutes(to: routes)
        WeChatPayController(services: services).addRoutes(to: routes)
    }

    static func registerJobs(in registry: inout JobRegistry) {
        TradeReconciliation<AlipayPayments>.register(in: &registry, make: AlipayPayments.init(services:))
        TradeReconciliation<WeChatPayments>.register(in: &registry, make: WeChatPayments.init(services:))
        registry.register(PaymentRecorder.refundJob, PaymentRecorder.TradePayload.self) { payload, context in
            // Without the provider's settings the job fails and stays visible rather than vanishing; a refund the
            // provider is still processing fails it too, so it asks again later.
            try await OrderRefunds(services: context.services).refundPayment(tradeID: payload.trade_id, retryWhileProcessing: true)
        }
    }

    static let periodic: [PeriodicJobScheduler.Entry] = [
        .init(kind: TradeReconciliation<AlipayPayments>.scanJob, interval: TradeReconciliation<AlipayPayments>.scanInterval),
        .init(kind: TradeReconciliation<WeChatPayments>.scanJob, interval: TradeReconciliation<WeChatPayments>.scanInterval),
    ]
}
