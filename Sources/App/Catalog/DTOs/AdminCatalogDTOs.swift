import Foundation
import Hummingbird

/// A category as the back office lists it: where it sits in the tree and what still hangs on it.
public struct AdminCategoryDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    @Nullable public var parent_id: Int?
    /// 1, 2 or 3.
    public let level: Int
    public let children: Int
    /// SPUs filed under it at any level.
    public let goods: Int
}

public struct AdminBrandDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let first_letter: String
    public let goods: Int
}

public struct AdminGoodsRowDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let brand: String
    public let category3_id: Int
    /// 手机 › 手机通讯 › 手机
    public let category: String
    public let skus: Int
    public let launched: Int
    public let sales: Int
    @Nullable public var update_time: Date?
}

public struct AdminSpecOptionDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let value: String
}

public struct AdminSpecDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let options: [AdminSpecOptionDTO]
}

public struct AdminSKUImageDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    /// The storage key, as the SKU's default picture names it.
    public let key: String
    public let url: String
    public let sequence: Int
    public let is_default: Bool
}

public struct AdminSKUDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let goods_id: Int
    public let name: String
    public let caption: String
    public let price: String
    public let cost_price: String
    public let market_price: String
    public let stock: Int
    public let sales: Int
    public let is_launched: Bool
    public let default_image_url: String
    /// The option of each of the SPU's specifications, in specification order.
    public let options: [Int]
    public let images: [AdminSKUImageDTO]
}

public struct AdminGoodsDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let brand_id: Int
    public let category1_id: Int
    public let category2_id: Int
    public let category3_id: Int
    public let desc_detail: String
    public let desc_pack: String
    public let desc_service: String
    public let specs: [AdminSpecDTO]
    public let skus: [AdminSKUDTO]
}

/// An ad slot of the home page (index_lbt the carousel, …) with how many ads it holds.
public struct AdminContentCategoryDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let key: String
    public let contents: Int
}

/// One ad (seed 000 广告内容): shown in its slot by `sequence` while `status` is on.
public struct AdminContentDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let category_id: Int
    public let title: String
    public let url: String
    /// The picture's address ("" when it has none).
    public let image: String
    public let text: String
    public let sequence: Int
    public let status: Bool
}

/// A channel of the home page's menu: a top-level category in group `group_id`, linked to `url`.
public struct AdminChannelDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let group_id: Int
    public let category_id: Int
    public let category: String
    public let url: String
    public let sequence: Int
}

/// A channel group of the menu: its number (the channels' `group_id`), the name staff gave it ("" when none) and how
/// many channels it holds.
public struct AdminChannelGroupDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let channels: Int
}
