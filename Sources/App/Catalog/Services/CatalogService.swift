import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Category pages, SKU detail and the home page data (seed 000 商品, seed 004 首页/详情页).
public struct CatalogService: Sendable {
    public static let hotSKULimit = 2
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    var imageBase: String { services.config.imageBaseURL }
    var listQueries: SKUListQueries { SKUListQueries(sql: services.readSQL(), imageBase: imageBase) }

    /// A review of the SKU was written (in the caller's transaction): the SKU's and its SPU's comment counts go up.
    public func commentAdded(skuID: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE skus SET comments = comments + 1 WHERE id = \(bind: skuID)").run()
        try await sql.raw("UPDATE goods SET comments = comments + 1 WHERE id = (SELECT goods_id FROM skus WHERE id = \(bind: skuID))").run()
    }

    /// SKUs as lists show them (name, price, picture), in the order of `ids`, unknown ones left out.
    public func summaries(_ ids: [Int]) async throws -> [SKUSummaryDTO] {
        try await SKUListQueries(sql: services.readSQL(), imageBase: services.config.imageBaseURL).summaries(ids: ids)
    }

    /// What search indexes of a SKU: its name and caption.
    public struct SearchText: Sendable {
        public let id: Int
        public let name: String
        public let caption: String
    }

    /// The texts of these SKUs (on sale only, when asked), on `sql` (the indexer's transaction), in id order;
    /// `lock` is the PostgreSQL row lock the indexer holds so an edit committing meanwhile is indexed after it.
    public static func searchTexts(ids: [Int], launchedOnly: Bool, on sql: any SQLDatabase, lock: String = "") async throws -> [SearchText] {
        guard !ids.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT id, name, caption, is_launched FROM skus WHERE id IN (\(binds: ids)) ORDER BY id \(unsafeRaw: lock)
            """).all().compactMap { row in
                let launched = try row.decode(column: "is_launched", as: Bool.self)
                guard !launchedOnly || launched else { return nil }
                return SearchText(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                                  caption: try row.decode(column: "caption", as: String.self))
            }
    }

    /// The next `limit` SKUs on sale after `id`, for rebuilding the index in batches.
    public static func searchTexts(after id: Int, limit: Int, on sql: any SQLDatabase) async throws -> [SearchText] {
        try await sql.raw("""
            SELECT id, name, caption FROM skus WHERE id > \(bind: id) AND is_launched = \(bind: true) ORDER BY id LIMIT \(bind: limit)
            """).all().map { row in
                SearchText(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                           caption: try row.decode(column: "caption", as: String.self))
            }
    }

    /// Whether the shop has this SKU at all, on sale or not.
    public func skuExists(_ id: Int) async throws -> Bool {
        try await services.readSQL().raw("SELECT id FROM skus WHERE id = \(bind: id)").first() != nil
    }

    public func categoryExists(_ id: Int) async throws -> Bool {
        try await services.readSQL().raw("SELECT id FROM goods_categories WHERE id = \(bind: id)").first() != nil
    }

    public func category(_ id: Int) async throws -> GoodsCategory {
        guard let category = try await GoodsCategory.find(id, on: services.readDB()) else { throw APIError.notFound }
        return category
    }

    /// cat1 (with its channel's link) → cat2 → cat3, from the category up to the root.
    public func breadcrumb(categoryID: Int) async throws -> BreadcrumbDTO {
        var chain: [GoodsCategory] = [try await category(categoryID)]
        while let parentID = chain[0].parentID, chain.count < 3 {
            chain.insert(try await category(parentID), at: 0)
        }
        let top = chain[0]
        let channelURL = try await GoodsChannel.query(on: services.readDB()).filter(\.$categoryID == top.id!).first()?.url ?? ""
        let refs = chain.map { CategoryRefDTO(id: $0.id!, name: $0.name) }
        return BreadcrumbDTO(cat1: .init(url: channelURL, category: refs[0]),
                             cat2: refs.count > 1 ? refs[1] : nil, cat3: refs.count > 2 ? refs[2] : nil)
    }

    public func hotSKUs(categoryID: Int) async throws -> [SKUSummaryDTO] {
        try await services.catalogCaches.hot.value(for: categoryID) {
            try await services.readSQL().raw("""
                SELECT id, name, price, default_image_url, comments FROM skus
                WHERE category_id = \(bind: categoryID) AND is_launched = \(bind: true)
                ORDER BY sales DESC, id ASC LIMIT \(bind: Self.hotSKULimit)
                """).all().map(listQueries.summary)
        }
    }

    /// A launched SKU with images, SPU texts, breadcrumb and spec map; 404 otherwise.
    public func detail(skuID: Int) async throws -> SKUDetailDTO {
        try await services.catalogCaches.details.value(for: skuID) { try await freshDetail(skuID: skuID) }
    }

    func freshDetail(skuID: Int) async throws -> SKUDetailDTO {
        let db = services.readDB()
        guard let sku = try await SKU.find(skuID, on: db), sku.isLaunched,
              let goods = try await Goods.find(sku.goodsID, on: db) else { throw APIError.notFound }
        let images = try await SKUImage.query(on: db).filter(\.$skuID == skuID).sort(\.$sequence).sort(\.$id).all()
        return SKUDetailDTO(
            id: skuID, name: sku.name, caption: sku.caption,
            price: Money.format(cents: sku.price), market_price: Money.format(cents: sku.marketPrice),
            stock: sku.stock, sales: sku.sales, comments: sku.comments, is_launched: sku.isLaunched,
            default_image_url: ImageURL.full(sku.defaultImageURL, base: imageBase),
            images: images.map { SKUImageDTO(id: $0.id!, image: ImageURL.full($0.image, base: imageBase)) },
            goods: GoodsDTO(id: goods.id!, name: goods.name, desc_detail: ImageURL.rehosting(goods.descDetail, base: imageBase),
                            desc_pack: ImageURL.rehosting(goods.descPack, base: imageBase),
                            desc_service: ImageURL.rehosting(goods.descService, base: imageBase)),
            breadcrumb: try await breadcrumb(categoryID: sku.categoryID),
            specs: try await specMap(goodsID: goods.id!, currentSKU: skuID))
    }

    /// An SPU's specifications with their options, in the order they were added: read here for the spec map and by
    /// the back office's editor alike.
    static func specifications(goodsID: Int, on sql: any SQLDatabase) async throws -> [SpecDefinition] {
        var specs: [SpecDefinition] = []
        for row in try await sql.raw("""
            SELECT s.id AS spec_id, s.name AS spec_name, o.id AS option_id, o.value AS value
            FROM goods_specifications s LEFT JOIN specification_options o ON o.spec_id = s.id
            WHERE s.goods_id = \(bind: goodsID) ORDER BY s.id, o.id
            """).all() {
            let specID = try row.decode(column: "spec_id", as: Int.self)
            if specs.last?.id != specID {
                specs.append(SpecDefinition(id: specID, name: try row.decode(column: "spec_name", as: String.self), options: []))
            }
            if let optionID = try row.decode(column: "option_id", as: Int?.self) {
                specs[specs.count - 1].options.append(SpecOptionDefinition(id: optionID, value: try row.decode(column: "value", as: String.self)))
            }
        }
        return specs
    }

    /// The seed-004 spec map over the SPU's launched SKUs.
    public func specMap(goodsID: Int, currentSKU: Int) async throws -> [SpecChoice] {
        let sql = services.readSQL()
        let specs = try await Self.specifications(goodsID: goodsID, on: sql)
        let skuRows = try await sql.raw("""
            SELECT ss.sku_id, ss.spec_id, ss.option_id FROM sku_specifications ss JOIN skus k ON k.id = ss.sku_id
            WHERE k.goods_id = \(bind: goodsID) AND (k.is_launched = \(bind: true) OR k.id = \(bind: currentSKU))
            """).all()
        var skuOptions: [Int: [Int: Int]] = [:]
        for row in skuRows {
            skuOptions[try row.decode(column: "sku_id", as: Int.self), default: [:]][try row.decode(column: "spec_id", as: Int.self)] =
                try row.decode(column: "option_id", as: Int.self)
        }
        return SpecMap.choices(specs: specs, skuOptions: skuOptions, currentSKU: currentSKU)
    }
}

/// The catalog's hot reads cached in-process for `CATALOG_CACHE_SECONDS` (seed 004 caches hot SKUs and the menu).
public final class CatalogCaches: Sendable {
    let hot: ExpiringCache<Int, [SKUSummaryDTO]>
    let home: ExpiringCache<Int, HomeDTO>
    /// Launched SKUs per category: counting a big category costs a scan, and a list page may be a little behind.
    let listCounts: ExpiringCache<Int, Int>
    /// Detail pages, briefly: seed 004 serves them as static pages anyway; stock shown may lag by seconds,
    /// while the cart and orders check the real stock.
    let details: ExpiringCache<Int, SKUDetailDTO>
    /// Encoded answers of the public catalog and search endpoints, as briefly as details.
    let responses: ResponseCache

    init(lifetime: Duration) {
        hot = ExpiringCache(lifetime: lifetime)
        home = ExpiringCache(lifetime: lifetime)
        listCounts = ExpiringCache(lifetime: min(lifetime, .seconds(30)))
        details = ExpiringCache(lifetime: min(lifetime, .seconds(10)))
        responses = ResponseCache(lifetime: min(lifetime, .seconds(10)))
    }

    /// Forgets everything, after the catalog changed.
    public func clear() {
        hot.removeAll()
        home.removeAll()
        listCounts.removeAll()
        details.removeAll()
        responses.removeAll()
    }
}
