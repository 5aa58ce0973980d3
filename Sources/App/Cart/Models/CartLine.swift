import FluentKit
import Foundation

/// A logged-in shopper's cart line (the original kept these in Redis; we keep them in the database).
public final class CartLine: Model, @unchecked Sendable {
    public static let schema = "cart_lines"

    @ID(custom: "id") public var id: Int?
    @Field(key: "user_id") public var userID: Int
    @Field(key: "sku_id") public var skuID: Int
    @Field(key: "count") public var count: Int
    @Field(key: "selected") public var selected: Bool
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}
