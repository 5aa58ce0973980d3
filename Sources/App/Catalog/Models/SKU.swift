import FluentKit
import Foundation

/// A sellable item (seed 000 商品SKU); money in cents.
public final class SKU: Model, @unchecked Sendable {
    public static let schema = "skus"

    @ID(custom: "id") public var id: Int?
    @Field(key: "name") public var name: String
    @Field(key: "caption") public var caption: String
    @Field(key: "goods_id") public var goodsID: Int
    @Field(key: "category_id") public var categoryID: Int
    @Field(key: "price") public var price: Int64
    @Field(key: "cost_price") public var costPrice: Int64
    @Field(key: "market_price") public var marketPrice: Int64
    @Field(key: "stock") public var stock: Int
    @Field(key: "sales") public var sales: Int
    @Field(key: "comments") public var comments: Int
    @Field(key: "is_launched") public var isLaunched: Bool
    @Field(key: "default_image_url") public var defaultImageURL: String
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}

public final class SKUImage: Model, @unchecked Sendable {
    public static let schema = "sku_images"

    @ID(custom: "id") public var id: Int?
    @Field(key: "sku_id") public var skuID: Int
    @Field(key: "image") public var image: String
    /// Where the detail page shows it (lower first; ties by id).
    @Field(key: "sequence") public var sequence: Int
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}

/// Which option of which specification an SKU has.
public final class SKUSpecification: Model, @unchecked Sendable {
    public static let schema = "sku_specifications"

    @ID(custom: "id") public var id: Int?
    @Field(key: "sku_id") public var skuID: Int
    @Field(key: "spec_id") public var specID: Int
    @Field(key: "option_id") public var optionID: Int
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}
