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
        registry.register(AlipayPayments.reconcileJob, AlipayPayments.OrderPayload.self) { payload, context in
            guard let alipay = try? AlipayPayments(services: context.services) else { return }
            let found = try await alipay.reconcile(number: payload.order_id)
            context.logger.info("alipay reconciliation", metadata: ["out_trade_no": "\(payload.order_id)", "found": "\(found)"])
        }
        registry.register(AlipayPayments.reconcileScanJob) { context in
            guard let alipay = try? AlipayPayments(services: context.services) else { return }
            try await alipay.enqueueReconciliations()
        }
        registry.register(PaymentRecorder.refundJob, PaymentRecorder.TradePayload.self) { payload, context in
            // Refunds need Alipay: without settings the job fails and stays visible rather than vanishing.
            try await WeChatPayments.refuseAutomaticRefund(tradeID: payload.trade_id, services: context.services)
            try await AlipayPayments(services: context.services).refund(tradeID: payload.trade_id)
        }
    }

    static let periodic: [PeriodicJobScheduler.Entry] = [
        .init(kind: AlipayPayments.reconcileScanJob, interval: AlipayPayments.scanInterval),
    ]
}
