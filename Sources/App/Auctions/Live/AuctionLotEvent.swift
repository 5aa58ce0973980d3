import Foundation

/// What a lot's watchers are sent on every change (a bid, an extension, settlement, a forfeit): the lot's new state
/// and its place in the lot's stream (`seq`, the lot's version). A watcher that sees `seq` jump re-reads the lot
/// over HTTP; one older than the last it saw is dropped on the way.
public struct AuctionLotEvent: Codable, Sendable, Equatable {
    public let item: Int
    public let seq: Int
    public let price: String
    /// The leader's masked name (a***9), nil before any bid.
    public let leader: String?
    public let bid_count: Int
    public let ends_at: Date
    public var server_now: Date
    public let status: Int
    public let status_text: String
    public let min_bid: String
}
