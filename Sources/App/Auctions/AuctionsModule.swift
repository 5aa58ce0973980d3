import FluentKit

/// Everything the Auctions domain (the auction house of seed 001) adds to the application. Its rules live in
/// MeiduoRules (`AuctionSchedule`, `Bidding`, `AuctionPayment`); routes and pages come next.
enum AuctionsModule {
    static let migrations: [any Migration] = [CreateAuctions(), CreateAuctionItems(), CreateAuctionBids(), CreateAuctionDeposits(),
                                              CreateAuctionOrders(), CreateAuctionDepositRefunds(), CreateAuctionDepositDeductions(),
                                              AddAuctionOrderPayment(), CreateAuctionLooks()]

    /// A lot is settled when it ends (the job at an end that anti-sniping moved reschedules itself at the new one); a won
    /// lot not paid in 24 hours is forfeited.
    static func registerJobs(in registry: inout JobRegistry) {
        registry.register(AuctionSettlement.job, AuctionSettlement.LotPayload.self) { payload, context in
            _ = try await AuctionSettlement(services: context.services).settle(itemID: payload.item_id)
        }
        registry.register(AuctionPayments.followUpJob, AuctionPayments.FollowUpPayload.self) { payload, context in
            try await AuctionPayments(services: context.services).payAfterRecharge(payload)
        }
        registry.register(AuctionOverdue.job, AuctionOverdue.OrderPayload.self) { payload, context in
            _ = try await AuctionOverdue(services: context.services).run(orderUID: payload.order_uid)
        }
    }
}
