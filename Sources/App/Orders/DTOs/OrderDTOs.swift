import Foundation
import Hummingbird

public struct SettlementDTO: ResponseCodable, Sendable, Equatable {
    public struct Line: Codable, Sendable, Equatable {
        public let id: Int
        public let name: String
        public let default_image_url: String
        public let price: String
        public let count: Int
    }

    public struct CourseLine: Codable, Sendable, Equatable {
        public let course_id: Int
        public let course_name: String
        public let course_img: String
        public let expire_id: Int
        public let expire_text: String
        /// What it costs now.
        public let price: String
    }

    /// One of my unused coupons: whether it applies to this selection, and what it takes off (or why not).
    public struct Coupon: Codable, Sendable, Equatable {
        public let id: Int
        public let name: String
        public let coupon_type: Int
        public let sale: String
        public let condition: Int
        public let end_time: Date
        public let usable: Bool
        public let discount: String?
        public let reason: String?
    }

    public struct Credit: Codable, Sendable, Equatable {
        public let balance: Int64
        /// Credits worth one yuan.
        public let rate: Int
        public let max_usable: Int
    }

    /// The checkout priced with the shopper's choices (or the best coupon when none were given).
    public struct Priced: Codable, Sendable, Equatable {
        public let goods_amount: String
        public let freight: String
        public let discount: String
        public let coupon: Int?
        public let credit: Int
        public let credit_amount: String
        public let balance_amount: String
        public let pay_amount: String
    }

    public let freight: String
    /// What the shopper may choose: 1 货到付款 (not for courses), 2 支付宝 and 3 微信支付 when configured.
    public let pay_methods: [Int]
    public let skus: [Line]
    /// The ticked courses of the course cart; `ships` is false when nothing needs an address (courses alone).
    public let courses: [CourseLine]
    public let ships: Bool
    public let coupons: [Coupon]
    public let credit: Credit
    /// The wallet's balance.
    public let balance: String
    public let priced: Priced
}

/// `POST /orders/`: some Meiduo front ends read `order_id`, others `oid`.
public struct PlacedOrderDTO: ResponseCodable, Sendable, Equatable {
    public let order_id: String
    public let oid: String
}

/// An order line as the original's OrderGoodsSerializer gave it: the SKU (with its current price), the count,
/// the price paid, and whether it has been commented.
public struct OrderLineDTO: Codable, Sendable, Equatable {
    public struct SKU: Codable, Sendable, Equatable {
        public let id: Int
        public let name: String
        public let default_image_url: String
        public let price: String
    }

    public let sku: SKU
    public let count: Int
    public let price: String
    public let is_commented: Bool
    /// What the line cost after its share of the order's discount, and the discount's name (原价购买 when none).
    public let real_price: String
    public let discount_name: String
}

/// A course line of an order, as sold: the option's validity, its price, and its share of the discount.
public struct OrderCourseDTO: Codable, Sendable, Equatable {
    public let course_id: Int
    public let course_name: String
    public let course_img: String
    public let expire_time: Int
    public let expire_text: String
    public let price: String
    public let real_price: String
    public let discount_name: String
}

public struct OrderDTO: ResponseCodable, Sendable, Equatable {
    public let order_id: String
    public let oid: String
    public let create_time: Date
    public let total_count: Int
    public let total_amount: String
    public let freight: String
    public let pay_method: Int
    public let status: Int
    public let skus: [OrderLineDTO]
    /// The courses bought (an order of courses alone has no `skus` and no address).
    public let courses: [OrderCourseDTO]
    /// The coupon's discount, the credits used and their value, the balance used, and what was left to pay.
    public let discount: String
    public let coupon: Int?
    public let credit: Int64
    public let credit_amount: String
    public let balance_amount: String
    public let pay_amount: String
    /// How it was sent, once staff shipped it with a tracking number (null before, and for shipments without one).
    public let shipment: OrderShipmentDTO?

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(order_id, forKey: .order_id)
        try container.encode(oid, forKey: .oid)
        try container.encode(create_time, forKey: .create_time)
        try container.encode(total_count, forKey: .total_count)
        try container.encode(total_amount, forKey: .total_amount)
        try container.encode(freight, forKey: .freight)
        try container.encode(pay_method, forKey: .pay_method)
        try container.encode(status, forKey: .status)
        try container.encode(skus, forKey: .skus)
        try container.encode(courses, forKey: .courses)
        try container.encode(discount, forKey: .discount)
        try container.encode(coupon, forKey: .coupon)
        try container.encode(credit, forKey: .credit)
        try container.encode(credit_amount, forKey: .credit_amount)
        try container.encode(balance_amount, forKey: .balance_amount)
        try container.encode(pay_amount, forKey: .pay_amount)
        try container.encode(shipment, forKey: .shipment)
    }
}

/// The carrier and tracking number an order was shipped with.
public struct OrderShipmentDTO: Codable, Sendable, Equatable {
    public let carrier: String
    public let tracking_no: String
    public let shipped_at: Date
}

public struct CommentDTO: ResponseCodable, Sendable, Equatable {
    public let order: String
    public let sku: Int
    public let comment: String
    public let score: Int
    public let is_anonymous: Bool
}

public struct SKUCommentDTO: Codable, Sendable, Equatable {
    public let username: String
    public let comment: String
    public let score: Int
}
