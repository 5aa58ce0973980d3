import Foundation
import Hummingbird

/// A coupon template as the seeds' serializers show it.
public struct CouponDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    /// 0 折扣 (a rate), 1 减免 (an amount off).
    public let coupon_type: Int
    /// `*0.82` or `-10`.
    public let sale: String
    /// Spend threshold in yuan.
    public let condition: Int
    /// Days of validity from when a user gets it (absent for a fixed window).
    public let timer: Int?
    /// `all`, `goods`, `courses`, `category` (with `scope_id`).
    public let scope: String
    public let scope_id: Int?

    /// Every key always present (`timer` is `null` for a fixed window).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(coupon_type, forKey: .coupon_type)
        try container.encode(sale, forKey: .sale)
        try container.encode(condition, forKey: .condition)
        try container.encode(timer, forKey: .timer)
        try container.encode(scope, forKey: .scope)
        try container.encode(scope_id, forKey: .scope_id)
    }
}

/// One of my coupons: `status` 1 未使用, 2 已使用, 3 已过期 (as it is now, also between job runs).
public struct UserCouponDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let status: Int
    public let start_time: Date
    public let end_time: Date
    public let order_id: String?
    public let coupon: CouponDTO

    /// Every key always present (`order_id` is `null` until the coupon is used).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(start_time, forKey: .start_time)
        try container.encode(end_time, forKey: .end_time)
        try container.encode(order_id, forKey: .order_id)
        try container.encode(coupon, forKey: .coupon)
    }
}

/// A claim campaign: `status` 1 未开始, 2 领取中, 3 已结束 (from its window, now).
public struct CampaignDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let title: String
    public let count: Int
    public let apply_count: Int
    public let apply_start_date: Date
    public let apply_stop_date: Date
    public let status: Int
    public let coupon: CouponDTO
    public let claimed_by_me: Bool
}

/// A coupon template in the back office: the template, its fixed window if it has one, and what became of it.
public struct AdminCouponDTO: ResponseCodable, Sendable, Equatable {
    public let coupon: CouponDTO
    @Nullable public var start_date: Date?
    @Nullable public var end_date: Date?
    public let issued: Int
    public let used: Int
    public let expired: Int
}
