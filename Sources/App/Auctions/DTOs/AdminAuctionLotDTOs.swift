import Foundation
import Hummingbird

/// A lot as staff see it (`GET /admin/api/auction-items/<id>/`): every term, the reserve the public never sees, and
/// the leader unmasked with the proxy maximum they set.
public struct AdminAuctionLotDTO: ResponseEncodable, Codable, Sendable, Equatable {
    public let id: Int
    public let auction_id: Int
    public let uid: String
    public let title: String
    public let start_price: String
    public let unit: String
    @Nullable public var reserve_price: String?
    @Nullable public var highest_price: String?
    public let deposit: String
    public let price: String
    @Nullable public var deal_price: String?
    public let status: Int
    public let status_text: String
    public let bid_count: Int
    public let end_time: Date
    @Nullable public var leader: AdminAuctionBidderDTO?
    /// The leader's proxy maximum (代理出价上限): secret from the other bidders, not from staff.
    @Nullable public var leader_max: String?
    /// Whether the price terms may still change (no bid yet, not over): the form greys them out otherwise.
    public let terms_editable: Bool
}

/// A bidder by name, with what staff need to reach them.
public struct AdminAuctionBidderDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let username: String
    public let mobile: String
}

/// One line of a lot's bid history for staff, the bidder unmasked.
public struct AdminAuctionBidDTO: Codable, Sendable, Equatable {
    public let seq: Int
    public let bidder: AdminAuctionBidderDTO
    public let price: String
    /// Placed by the system for a proxy maximum.
    public let automatic: Bool
    /// 1 竞价, 2 成交, 3 逾期未付款.
    public let status: Int
    public let create_time: Date
}
