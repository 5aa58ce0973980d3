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
