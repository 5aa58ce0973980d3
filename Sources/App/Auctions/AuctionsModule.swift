import FluentKit
import Hummingbird

/// Everything the Auctions domain (the auction house of seed 001) adds to the application. Its rules live in
/// MeiduoRules (`AuctionSchedule`, `Bidding`, `AuctionPayment`).
enum AuctionsModule {
    static let migrations: [any Migration] = [CreateAuctions(), CreateAuctionItems(), CreateAuctionBids(), CreateAuctionDeposits(),
                                              CreateAuctionOrders(), CreateAuctionDepositRefunds(), CreateAuctionDepositDeductions(),
                                              AddAuctionOrderPayment(), CreateAuctionLooks(), CreateAuctionItemImages(),
                                              CreateAuctionItemSpecs(), AddDepositRecharge()]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        AuctionsController(services: services).addRoutes(to: routes)
        AuctionStaffController(services: services).addRoutes(to: routes)
        AdminAuctionsController(services: services).addRoutes(to: routes)
    }

    /// A lot is settled when it ends (the job at an end that anti-sniping moved reschedules itself at the new one); a won
    /// lot not paid in 24 hours is forfeited.
    static func registerJobs(in registry: inout JobRegistry) {
        registry.register(AuctionSettlement.job, AuctionSettlement.LotPayload.self) { payload, context in
            _ = try await AuctionSettlement(services: context.services).settle(itemID: payload.item_id)
        }
        registry.register(AuctionSessionStatus.job, AuctionSessionStatus.SessionPayload.self) { payload, context in
            _ = try await AuctionSessionStatus(services: context.services).run(auctionID: payload.auction_id)
        }
        registry.register(AuctionHouse.depositFollowUpJob, AuctionHouse.DepositPayload.self) { payload, context in
            try await AuctionHouse(services: context.services).payDepositAfterRecharge(payload)
        }
        registry.register(AuctionPayments.followUpJob, AuctionPayments.FollowUpPayload.self) { payload, context in
            try await AuctionPayments(services: context.services).payAfterRecharge(payload)
        }
        registry.register(AuctionDepositRefunds.providerJob, AuctionDepositRefunds.RefundPayload.self) { payload, context in
            try await AuctionDepositRefunds(services: context.services).refundThroughProvider(uid: payload.refund_uid)
        }
        registry.register(AuctionOverdue.job, AuctionOverdue.OrderPayload.self) { payload, context in
            _ = try await AuctionOverdue(services: context.services).run(orderUID: payload.order_uid)
        }
    }
}
