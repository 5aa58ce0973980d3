import FluentKit
import Hummingbird

/// Everything the Promotions domain adds to the application.
enum PromotionsModule {
    static let migrations: [any Migration] = [CreateCoupons(), CreateCouponCampaigns(), CreateUserCoupons()]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        PromotionsController(services: services).addRoutes(to: routes)
    }

    /// A campaign's status at its window's edges; unused coupons past their end marked expired every ten minutes.
    static func registerJobs(in registry: inout JobRegistry) {
        registry.register(Promotions.campaignStatusJob, Promotions.CampaignPayload.self) { payload, context in
            try await Promotions(services: context.services).refreshCampaignStatus(id: payload.campaign_id)
        }
        registry.register(Promotions.expireCouponsJob, EmptyPayload.self) { _, context in
            try await Promotions(services: context.services).expireCoupons()
        }
    }

    static let periodic: [PeriodicJobScheduler.Entry] = [.init(kind: Promotions.expireCouponsJob, interval: 600)]
}
