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
