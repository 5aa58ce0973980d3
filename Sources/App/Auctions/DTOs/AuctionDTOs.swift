import Foundation
import Hummingbird

/// A session (seed 001 `Auction` fields): money in yuan strings as everywhere in the shop, status as stored moved on
/// by the clock, `preview_end_time` = the auction's start.
public struct AuctionSessionDTO: ResponseEncodable, Sendable, Equatable {
    public let id: Int
    public let title: String
    public let cover: String
    public let video: String?
    public let preview_start_time: Date
    public let preview_end_time: Date
    public let auction_start_time: Date
    public let auction_end_time: Date
    /// 全场保证金; "0.00": none (each lot asks its own).
    public let deposit: String
    public let status: Int
    public let status_text: String
    public let total_price: String
    public let goods_count: Int
    public let bid_count: Int
    public let look_count: Int
    public let server_time: Date
}

/// A lot as lists show it.
public struct AuctionLotSummaryDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let auction_id: Int
    /// 图录号.
    public let uid: String
    public let title: String
    public let cover: String
    public let start_price: String
    /// The current price; the start price before any bid.
    public let price: String
    public let deal_price: String?
    /// 单品保证金; "0.00": the session's deposit covers the lot.
    public let deposit: String
    public let status: Int
    public let status_text: String
    public let bid_count: Int
    public let look_count: Int
    public let end_time: Date
}

/// `GET /auctions/<id>/`: the session and its lots by catalogue number.
public struct AuctionSessionDetailDTO: ResponseEncodable, Sendable, Equatable {
    public let session: AuctionSessionDTO
    public let items: [AuctionLotSummaryDTO]
    /// For a signed-in viewer: their session deposit.
    public let viewer: AuctionSessionViewerDTO?
}

public struct AuctionSessionViewerDTO: Codable, Sendable, Equatable {
    public let deposit_paid: Bool
    /// What is left of it (after deductions), while paid.
    public let deposit_balance: String?
}

public struct AuctionImageDTO: Codable, Sendable, Equatable {
    public let url: String
    public let carousel: Bool
}

public struct AuctionSpecDTO: Codable, Sendable, Equatable {
    public let key: String
    public let value: String
}

/// What the signed-in viewer may do with the lot.
public struct AuctionLotViewerDTO: Codable, Sendable, Equatable {
    /// A paid deposit covers the lot (its own, or the session's).
    public let deposit_paid: Bool
    /// What they would pay to bid: the lot's deposit, or the session's when the lot asks none.
    public let deposit_due: String
    public let may_bid: Bool
    public let leading: Bool
    /// Their own proxy maximum while they lead (nobody else sees it).
    public let my_max_price: String?
}

/// `GET /auctions/items/<id>/`: the lot page, with the server's clock for countdowns.
public struct AuctionLotDetailDTO: ResponseEncodable, Sendable, Equatable {
    public let id: Int
    public let auction_id: Int
    public let auction_title: String
    public let uid: String
    public let title: String
    public let cover: String
    public let images: [AuctionImageDTO]
    public let specs: [AuctionSpecDTO]
    public let start_price: String
    /// 参考高价.
    public let highest_price: String?
    /// Whether the price has reached the reserve (参考底价 itself stays the seller's).
    public let reserve_met: Bool
    /// 加价幅度.
    public let unit: String
    /// 单品保证金 ("0.00": the session's covers it) and the session's.
    public let deposit: String
    public let auction_deposit: String
    public let price: String
    /// The least the next bid may be.
    public let min_bid: String
    public let leader: String?
    public let deal_price: String?
    public let status: Int
    public let status_text: String
    public let bid_count: Int
    public let look_count: Int
    public let auction_start_time: Date
    public let end_time: Date
    public let server_time: Date
    /// The bid stream's position: a live watcher that sees a gap re-reads the lot.
    public let seq: Int
    public let viewer: AuctionLotViewerDTO?
}

/// One line of a lot's price history (seed 001 出价记录).
public struct AuctionBidDTO: Codable, Sendable, Equatable {
    public let seq: Int
    public let user: String
    public let price: String
    /// Placed by the system for a proxy maximum.
    public let automatic: Bool
    /// 1 竞价, 2 成交, 3 逾期未付款.
    public let status: Int
    public let create_time: Date
}

/// `POST /auctions/items/<id>/bids/`: where the lot stands after the bid.
public struct AuctionBidResultDTO: ResponseEncodable, Sendable, Equatable {
    public let price: String
    public let leading: Bool
    public let bid_count: Int
    public let end_time: Date
    public let min_bid: String
    /// The lot's place in its live stream after this bid.
    public let seq: Int
}

/// `POST /auctions/deposit/`: paid from the wallet now, or a recharge to pay at a provider's cashier.
public struct AuctionDepositDTO: ResponseEncodable, Sendable, Equatable {
    public let status: String
    public let amount: String
    public let deposit_id: Int?
    public let recharge_id: String?
    public let alipay_url: String?
    public let code_url: String?
}

/// One child row of my auction orders (seed 001's `OrderModelSerializer` fields).
public struct AuctionOrderRowDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let status: Int
    public let item: Int
    public let auction: Int
    public let price: String
    public let real_price: String?
    public let pay_type: Int?
    public let create_date: String
    public let title: String
    public let cover: String
    public let pay_deadline: Date
    /// Paid and sent on its way (待收货 that can be confirmed).
    public let shipped: Bool
}

public struct AuctionOrderGroupDTO: Codable, Sendable, Equatable {
    public let text: String
    public let child: [AuctionOrderRowDTO]
}

public struct AuctionPayCouponDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let name: String
    /// What it takes off this order.
    public let off: String
    public let end_time: Date
}

/// The pay page (seed 001 支付: 拍品、成交、优惠券、保证金、余额), with the split each choice gives.
public struct AuctionPayQuoteDTO: ResponseEncodable, Sendable, Equatable {
    public let id: Int
    public let title: String
    public let cover: String
    public let price: String
    public let pay_deadline: Date
    public let coupons: [AuctionPayCouponDTO]
    public let deposit: String
    /// A session deposit whose rest stays for other lots of the session.
    public let deposit_held: Bool
    public let balance: String
    public let default_address_id: Int?
}

/// `POST /auctions/orders/<id>/pay/`: the split, and — when something is left for a provider — where to pay it.
public struct AuctionPaidDTO: ResponseEncodable, Sendable, Equatable {
    /// "paid", or "provider_due".
    public let status: String
    public let payment_case: Int
    public let coupon_off: String
    public let deposit_deducted: String
    public let deposit_refunded: String
    public let balance_paid: String
    public let provider_due: String
    public let recharge_id: String?
    public let alipay_url: String?
    public let code_url: String?
}

/// `GET /auctions/orders/`: my orders grouped by status in the seed's shape `{"1": {"text": "未支付", "child": […]}, …}`.
public struct AuctionOrdersDTO: ResponseEncodable, Sendable, Equatable {
    public let unpaid: AuctionOrderGroupDTO
    public let receiving: AuctionOrderGroupDTO
    public let finished: AuctionOrderGroupDTO
    public let overdue: AuctionOrderGroupDTO

    enum CodingKeys: String, CodingKey {
        case unpaid = "1", receiving = "2", finished = "3", overdue = "4"
    }
}

/// A deposit of a session as staff see it: whose, for the session (type 2) or a lot (type 1), how paid, what is left.
public struct AdminAuctionDepositDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let uid: String
    public let username: String
    @Nullable public var item_id: Int?
    public let deposit_type: Int
    /// 1 微信, 2 余额, 3 支付宝.
    public let pay_type: Int
    public let amount: String
    public let balance: String
    /// 1 未支付, 2 支付成功.
    public let status: Int
    @Nullable public var create_time: Date?
}

/// A won lot's order as staff see it: who won, at what price, paid or not, shipped or not.
public struct AdminAuctionOrderDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let uid: String
    public let item_id: Int
    public let title: String
    public let username: String
    public let price: String
    @Nullable public var real_price: String?
    /// 1 未支付, 2 待收货, 3 已完成, 4 逾期未支付.
    public let status: Int
    public let pay_deadline: Date
    @Nullable public var paid_time: Date?
    @Nullable public var ship_time: Date?
}
