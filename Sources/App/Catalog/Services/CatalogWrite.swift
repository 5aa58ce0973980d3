import FluentKit
import SQLKit

extension AppServices {
    /// A back-office change to the catalog in one transaction (the caller queues its `CatalogEvents` in it); after the
    /// commit this process's cached catalog reads are dropped, so none cached while the change was in flight stays.
    func catalogWrite<T: Sendable>(_ body: @escaping @Sendable (any Database, any SQLDatabase) async throws -> T) async throws -> T {
        let result = try await db().transaction { tx in try await body(tx, tx as! any SQLDatabase) }
        catalogCaches.clear()
        return result
    }
}
