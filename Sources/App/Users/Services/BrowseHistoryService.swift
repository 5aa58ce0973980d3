import FluentKit
import Foundation
import SQLKit

/// The last SKUs a user looked at (seed 000 浏览记录): five newest, no duplicates.
public struct BrowseHistoryService: Sendable {
    public static let keep = 5
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// Records a view; an SKU seen before moves to the front, and only the newest five are kept.
    public func record(userID: Int, skuID: Int) async throws {
        let now = services.clock.now()
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("""
                INSERT INTO browse_histories (user_id, sku_id, viewed_at, create_time, update_time)
                VALUES (\(bind: userID), \(bind: skuID), \(bind: now), \(bind: now), \(bind: now))
                ON CONFLICT (user_id, sku_id) DO UPDATE SET viewed_at = excluded.viewed_at, update_time = excluded.update_time
                """).run()
            try await sql.raw("""
                DELETE FROM browse_histories WHERE user_id = \(bind: userID) AND id NOT IN (
                    SELECT id FROM browse_histories WHERE user_id = \(bind: userID) ORDER BY viewed_at DESC, id DESC LIMIT \(unsafeRaw: String(Self.keep)))
                """).run()
        }
    }

    /// SKU ids, newest first.
    public func recentSKUIDs(userID: Int) async throws -> [Int] {
        try await services.sql().raw("""
            SELECT sku_id FROM browse_histories WHERE user_id = \(bind: userID) ORDER BY viewed_at DESC, id DESC LIMIT \(unsafeRaw: String(Self.keep))
            """).all().map { try $0.decode(column: "sku_id", as: Int.self) }
    }
}
