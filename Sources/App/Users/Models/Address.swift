import FluentKit
import Foundation

/// A shipping address (seed 000 用户地址); deleted addresses are kept with `is_deleted` for old orders.
public final class Address: Model, @unchecked Sendable {
    public static let schema = "addresses"

    @ID(custom: "id") public var id: Int?
    @Field(key: "user_id") public var userID: Int
    @Field(key: "title") public var title: String
    @Field(key: "receiver") public var receiver: String
    @Field(key: "province_id") public var provinceID: Int
    @Field(key: "city_id") public var cityID: Int
    @Field(key: "district_id") public var districtID: Int
    @Field(key: "place") public var place: String
    @Field(key: "mobile") public var mobile: String
    @Field(key: "tel") public var tel: String
    @Field(key: "email") public var email: String
    @Field(key: "is_deleted") public var isDeleted: Bool
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}
