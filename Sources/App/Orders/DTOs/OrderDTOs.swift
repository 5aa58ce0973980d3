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

    public let freight: String
    /// What the shopper may choose: 1 货到付款 always, 2 支付宝 and 3 微信支付 when configured.
    public let pay_methods: [Int]
    public let skus: [Line]
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
