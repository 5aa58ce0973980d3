import FluentKit
import Foundation

/// An order (seed 000 订单信息); amounts in cents, `total_amount` includes the freight as in the original.
public final class OrderInfo: Model, @unchecked Sendable {
    public static let schema = "order_info"

    @ID(custom: "order_id", generatedBy: .user) public var id: String?
    @Field(key: "user_id") public var userID: Int
    /// Nil for an order that ships nothing (courses only).
    @OptionalField(key: "address_id") public var addressID: Int?
    @Field(key: "total_count") public var totalCount: Int
    @Field(key: "total_amount") public var totalAmount: Int64
    @Field(key: "freight") public var freight: Int64
    @Field(key: "pay_method") public var payMethod: Int
    @Field(key: "status") public var status: Int
    /// The coupon's discount on the goods, in cents; the user's coupon it came from.
    @Field(key: "discount") public var discount: Int64
    @OptionalField(key: "coupon_id") public var couponID: Int?
    /// Credits used, and the cents they paid.
    @Field(key: "credit") public var credit: Int64
    @Field(key: "credit_amount") public var creditAmount: Int64
    /// Paid from the wallet.
    @Field(key: "balance_amount") public var balanceAmount: Int64
    /// Left for Alipay or WeChat Pay (0: paid at checkout).
    @Field(key: "pay_amount") public var payAmount: Int64
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}

/// One line of an order, with the price paid and the buyer's review.
public final class OrderGoods: Model, @unchecked Sendable {
    public static let schema = "order_goods"

    @ID(custom: "id") public var id: Int?
    @Field(key: "order_id") public var orderID: String
    @Field(key: "sku_id") public var skuID: Int
    @Field(key: "count") public var count: Int
    @Field(key: "price") public var price: Int64
    @Field(key: "comment") public var comment: String
    @Field(key: "score") public var score: Int
    @Field(key: "is_anonymous") public var isAnonymous: Bool
    @Field(key: "is_commented") public var isCommented: Bool
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}
