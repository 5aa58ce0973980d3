import Hummingbird
import MeiduoRules

/// A category's id and name.
public struct CategoryRefDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let name: String
}

/// The breadcrumb of a list or detail page: the top category carries its channel's link.
public struct BreadcrumbDTO: ResponseCodable, Sendable, Equatable {
    public struct Top: Codable, Sendable, Equatable {
        public let url: String
        public let category: CategoryRefDTO
    }

    public let cat1: Top
    public let cat2: CategoryRefDTO?
    public let cat3: CategoryRefDTO?
}

public struct SKUImageDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let image: String
}

/// The SPU part of a detail page.
public struct GoodsDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let desc_detail: String
    public let desc_pack: String
    public let desc_service: String
}

/// Everything a detail page needs (seed 004 详情页: SKU, images, breadcrumb, spec map).
public struct SKUDetailDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let caption: String
    public let price: String
    public let market_price: String
    public let stock: Int
    public let sales: Int
    public let comments: Int
    public let is_launched: Bool
    public let default_image_url: String
    public let images: [SKUImageDTO]
    public let goods: GoodsDTO
    public let breadcrumb: BreadcrumbDTO
    public let specs: [SpecChoice]
}

/// The channel menu of seed 004 and the ads, for the home page.
public struct HomeDTO: ResponseCodable, Sendable {
    public let categories: [String: ChannelGroupDTO]
    public let contents: [String: [ContentDTO]]
}

public struct ChannelGroupDTO: Codable, Sendable, Equatable {
    public struct Channel: Codable, Sendable, Equatable {
        public let id: Int
        public let name: String
        public let url: String
    }

    public struct SubCategory: Codable, Sendable, Equatable {
        public let id: Int
        public let name: String
        public let sub_cats: [CategoryRefDTO]
    }

    public var channels: [Channel]
    public var sub_cats: [SubCategory]
}

public struct ContentDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let title: String
    public let url: String
    public let image: String?
    public let text: String?
    public let sequence: Int
}
