import SQLKit

/// The catalog's answer to what the user center asks about SKUs (browse history).
public struct CatalogSKULookup: SKULookup {
    let database: DatabaseManager
    let imageBase: String

    public func exists(_ id: Int) async throws -> Bool {
        try await database.readSQL().raw("SELECT id FROM skus WHERE id = \(bind: id) AND is_launched = \(bind: true)").first() != nil
    }

    public func summaries(_ ids: [Int]) async throws -> [SKUSummaryDTO] {
        try await SKUListQueries(sql: database.readSQL(), imageBase: imageBase).summaries(ids: ids)
    }
}
