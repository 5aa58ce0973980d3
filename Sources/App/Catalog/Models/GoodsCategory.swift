import FluentKit
import Foundation

/// A category in the three-level tree (seed 000 商品分类); `parent_id` is null at the top.
public final class GoodsCategory: Model, @unchecked Sendable {
    public static let schema = "goods_categories"

    @ID(custom: "id") public var id: Int?
    @Field(key: "name") public var name: String
    @OptionalField(key: "parent_id") public var parentID: Int?
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}

    public init(id: Int? = nil, name: String, parentID: Int?) {
        self.id = id
        self.name = name
        self.parentID = parentID
    }
}

/// A channel of the home page menu (seed 000 多级分类): a top-level category shown in group `group_id`.
public final class GoodsChannel: Model, @unchecked Sendable {
    public static let schema = "goods_channels"

    @ID(custom: "id") public var id: Int?
    @Field(key: "group_id") public var groupID: Int
    @Field(key: "category_id") public var categoryID: Int
    @Field(key: "url") public var url: String
    @Field(key: "sequence") public var sequence: Int
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}

public final class Brand: Model, @unchecked Sendable {
    public static let schema = "brands"

    @ID(custom: "id") public var id: Int?
    @Field(key: "name") public var name: String
    @Field(key: "logo") public var logo: String
    @Field(key: "first_letter") public var firstLetter: String
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}
