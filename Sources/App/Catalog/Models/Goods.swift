import FluentKit
import Foundation

/// An SPU (seed 000 商品SPU): what SKUs of one product share.
public final class Goods: Model, @unchecked Sendable {
    public static let schema = "goods"

    @ID(custom: "id") public var id: Int?
    @Field(key: "name") public var name: String
    @Field(key: "brand_id") public var brandID: Int
    @Field(key: "category1_id") public var category1ID: Int
    @Field(key: "category2_id") public var category2ID: Int
    @Field(key: "category3_id") public var category3ID: Int
    @Field(key: "sales") public var sales: Int
    @Field(key: "comments") public var comments: Int
    @Field(key: "desc_detail") public var descDetail: String
    @Field(key: "desc_pack") public var descPack: String
    @Field(key: "desc_service") public var descService: String
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}

/// A specification of an SPU, e.g. 颜色.
public final class GoodsSpecification: Model, @unchecked Sendable {
    public static let schema = "goods_specifications"

    @ID(custom: "id") public var id: Int?
    @Field(key: "goods_id") public var goodsID: Int
    @Field(key: "name") public var name: String
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}

/// One value of a specification, e.g. 银色.
public final class SpecificationOption: Model, @unchecked Sendable {
    public static let schema = "specification_options"

    @ID(custom: "id") public var id: Int?
    @Field(key: "spec_id") public var specID: Int
    @Field(key: "value") public var value: String
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}
