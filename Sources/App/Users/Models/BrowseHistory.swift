import FluentKit
import Foundation

/// One SKU a user looked at; one row per (user, sku), its time refreshed on each view.
public final class BrowseHistory: Model, @unchecked Sendable {
    public static let schema = "browse_histories"

    @ID(custom: "id") public var id: Int?
    @Field(key: "user_id") public var userID: Int
    @Field(key: "sku_id") public var skuID: Int
    @Field(key: "viewed_at") public var viewedAt: Date
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}
