import FluentKit
import Foundation

/// What follows a catalog change: search index updates and static page regeneration, queued as jobs
/// (in the caller's transaction when it passes one), plus dropping this process's cached reads.
public struct CatalogEvents: Sendable {
    public static let reindexAll = "search.reindex_all"
    public static let indexSKUs = "search.index_skus"
    public static let generateAllPages = "pages.generate_all"
    public static let generateIndexPage = "pages.generate_index"
    public static let generateSKUPages = "pages.generate_skus"

    public struct SKUIDs: Codable, Sendable {
        public let ids: [Int]
    }

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// After a bulk load: rebuild the whole index and every page.
    public func catalogReloaded(on database: (any Database)? = nil) async throws {
        let db = database ?? services.db()
        services.catalogCaches.clear()
        try await JobQueue.enqueue(Self.reindexAll, payload: EmptyPayload(), on: db, now: services.clock.now())
        try await JobQueue.enqueue(Self.generateAllPages, payload: EmptyPayload(), on: db, now: services.clock.now())
    }

    /// A saved SKU: its index entry, and its own and its siblings' detail pages (their spec maps link to it).
    public func skuChanged(_ skuID: Int, on database: (any Database)? = nil) async throws {
        let db = database ?? services.db()
        services.catalogCaches.clear()
        var pages = [skuID]
        if let sku = try await SKU.find(skuID, on: db) { pages = try await skuIDs(ofGoods: sku.goodsID, on: db) }
        try await queue(index: [skuID], pages: pages, on: db)
    }

    /// A saved SPU (its name, descriptions, brand or category): every one of its SKUs' index entries and pages.
    public func goodsChanged(_ goodsID: Int, on database: (any Database)? = nil) async throws {
        let db = database ?? services.db()
        services.catalogCaches.clear()
        let ids = try await skuIDs(ofGoods: goodsID, on: db)
        guard !ids.isEmpty else { return }
        try await queue(index: ids, pages: ids, on: db)
    }

    func skuIDs(ofGoods goodsID: Int, on db: any Database) async throws -> [Int] {
        try await SKU.query(on: db).filter(\.$goodsID == goodsID).all().compactMap(\.id)
    }

    /// The index entries of `index`, the detail pages of `pages`, and the home page (its lists show SKUs).
    func queue(index: [Int], pages: [Int], on db: any Database) async throws {
        let now = services.clock.now()
        try await JobQueue.enqueue(Self.indexSKUs, payload: SKUIDs(ids: index), on: db, now: now)
        try await JobQueue.enqueue(Self.generateSKUPages, payload: SKUIDs(ids: pages), on: db, now: now)
        try await JobQueue.enqueue(Self.generateIndexPage, payload: EmptyPayload(), on: db, now: now)
    }

    /// A category renamed, added or removed, or a channel of the menu changed: the menu shows on the home page and every detail page,
    /// and in the breadcrumbs, so every page is generated again — once per `menuWindow` however many categories
    /// staff edit in it (the job runs at the window's end; its unique key is the window).
    public func menuChanged(on database: (any Database)? = nil) async throws {
        services.catalogCaches.clear()
        let now = services.clock.now()
        let window = Self.menuWindow
        let end = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / window).rounded(.down) * window + window)
        try await JobQueue.enqueue(Self.generateAllPages, payload: EmptyPayload(), on: database ?? services.db(), runAt: end,
                                   uniqueKey: "pages.generate_all:\(Int64(end.timeIntervalSince1970))", now: now)
    }

    static let menuWindow: TimeInterval = 10

    /// Ads or the channel menu changed: only the home page.
    public func homeChanged(on database: (any Database)? = nil) async throws {
        services.catalogCaches.clear()
        try await JobQueue.enqueue(Self.generateIndexPage, payload: EmptyPayload(), on: database ?? services.db(), now: services.clock.now())
    }
}
