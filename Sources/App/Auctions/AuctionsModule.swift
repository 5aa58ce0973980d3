import FluentKit

/// Everything the Auctions domain (the auction house of seed 001) adds to the application. Its rules live in
/// MeiduoRules (`AuctionSchedule`, `Bidding`, `AuctionPayment`); routes, jobs and pages come next.
enum AuctionsModule {
    static let migrations: [any Migration] = [CreateAuctions(), CreateAuctionItems(), CreateAuctionBids(), CreateAuctionDeposits()]
}
