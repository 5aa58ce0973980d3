import FluentKit
import Foundation
import HummingbirdTesting
@testable import App

extension TestEnvironment {
    /// Adds a SKU to the sample's MacBook SPU (goods 1, category 157) and returns its id; not indexed yet.
    @discardableResult
    func addSKU(_ name: String, caption: String = "", price: Int64 = 100_00, launched: Bool = true) async throws -> Int {
        let sku = SKU()
        sku.name = name
        sku.caption = caption
        sku.goodsID = 1
        sku.categoryID = 157
        sku.price = price
        sku.costPrice = price
        sku.marketPrice = price
        sku.stock = 10
        sku.sales = 0
        sku.comments = 0
        sku.isLaunched = launched
        sku.defaultImageURL = ""
        try await sku.save(on: services.db())
        return sku.id!
    }

    /// The Meiduo sample, indexed.
    func loadIndexedSample() async throws {
        try await loadMeiduoSample()
        try await SearchIndex(services: services).rebuild()
    }

    /// Runs `search.index_skus` for these SKUs through the job queue, as a worker would.
    func runIndexJob(_ ids: [Int]) async throws {
        try await JobQueue.enqueue(CatalogEvents.indexSKUs, payload: CatalogEvents.SKUIDs(ids: ids), on: services.db(), now: services.clock.now())
        await runJobs()
    }

    /// Ids of the first page (up to 20) found by the service, in order.
    func searchIDs(_ text: String, ordering: SearchOrdering = .relevance) async throws -> [Int] {
        try await SearchIndex(services: services).search(text: text, ordering: ordering, page: PageRequest(page: 1, size: 20)).hits.map(\.sku.id)
    }
}

/// `/skus/search/?text=…` with every non-ASCII or reserved character percent-encoded.
func searchURI(_ text: String, _ extra: String = "") -> String {
    let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~")
    let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed)!
    return "/skus/search/?text=\(encoded)" + (extra.isEmpty ? "" : "&" + extra)
}

extension TestResponse {
    /// The `object.id`s of a search page's results.
    var resultIDs: [Int] {
        (object["results"] as? [[String: Any]] ?? []).compactMap { ($0["object"] as? [String: Any])?["id"] as? Int }
    }
}
