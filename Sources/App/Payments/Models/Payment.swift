import FluentKit
import Foundation

/// One payment a provider reported for an order (seed 000 支付模型类): the provider's trade number is
/// unique, so however often a trade is reported it is recorded once.
public final class Payment: Model, @unchecked Sendable {
    public static let schema = "payments"

    /// Where the money stands: taken for a payable order, taken for an order that can no longer be
    /// fulfilled (cancelled, or paid twice) and awaiting its refund, or given back.
    public enum Status: String, Sendable, Codable {
        case paid
        case refundRequired = "refund_required"
        case refunded
    }

    @ID(custom: "id") public var id: Int?
    @Field(key: "order_id") public var orderID: String
    @Field(key: "trade_id") public var tradeID: String
    @Field(key: "provider") public var provider: String
    @Field(key: "amount") public var amount: Int64
    @Field(key: "status") public var status: String
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}

    public var paymentStatus: Status? { Status(rawValue: status) }
}
