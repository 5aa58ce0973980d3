/// A SKU as lists show it (seed 000 商品列表数据 fields).
public struct SKUSummaryDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let price: String
    public let default_image_url: String
    public let comments: Int

    public init(id: Int, name: String, price: String, default_image_url: String, comments: Int) {
        self.id = id
        self.name = name
        self.price = price
        self.default_image_url = default_image_url
        self.comments = comments
    }
}

/// What the user center needs to know about SKUs; the catalog provides the real one.
public protocol SKULookup: Sendable {
    func exists(_ id: Int) async throws -> Bool
    /// Summaries in the order of `ids`, skipping unknown ones.
    func summaries(_ ids: [Int]) async throws -> [SKUSummaryDTO]
}

/// Until a catalog is installed there are no SKUs to show, so nothing can be recorded.
public struct NoCatalogSKULookup: SKULookup {
    public init() {}
    public func exists(_ id: Int) async throws -> Bool { false }
    public func summaries(_ ids: [Int]) async throws -> [SKUSummaryDTO] { [] }
}
