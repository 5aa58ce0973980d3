import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Where a shopper's cart lives: the database for a logged-in user, the signed `cart` cookie otherwise.
/// Both offer the same operations, so handlers and the order code don't care which.
public enum CartOwner: Sendable {
    case user(Int)
    case anonymous([CartLineValue])
}

/// Reads and writes the logged-in shopper's stored cart; every write is one statement.
public struct StoredCart: Sendable {
    let sql: any SQLDatabase
    let clock: ShopClock

    public init(sql: any SQLDatabase, clock: ShopClock) {
        self.sql = sql
        self.clock = clock
    }

    public func lines(userID: Int) async throws -> [CartLineValue] {
        try await sql.raw("SELECT sku_id, count, selected FROM cart_lines WHERE user_id = \(bind: userID) ORDER BY update_time DESC, id DESC")
            .all().map { row in
                CartLineValue(skuID: try row.decode(column: "sku_id", as: Int.self), count: try row.decode(column: "count", as: Int.self),
                              selected: try row.decode(column: "selected", as: Bool.self))
            }
    }

    /// How many lines the cart holds, and this SKU's count in it (nil when it has none).
    public func occupancy(userID: Int, skuID: Int) async throws -> (lines: Int, current: Int?) {
        let row = try await sql.raw("""
            SELECT COUNT(*) AS n, MAX(CASE WHEN sku_id = \(bind: skuID) THEN count END) AS current FROM cart_lines WHERE user_id = \(bind: userID)
            """).first()
        return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.decode(column: "current", as: Int?.self))
    }

    /// Adds `count` to the line (creating it), or sets it when `accumulate` is false; returns the new count.
    @discardableResult
    public func upsert(userID: Int, line: CartLineValue, accumulate: Bool) async throws -> Int {
        let now = clock.now()
        let newCount = accumulate ? SQLRaw("cart_lines.count + excluded.count") : SQLRaw("excluded.count")
        return try await sql.raw("""
            INSERT INTO cart_lines (user_id, sku_id, count, selected, create_time, update_time)
            VALUES (\(bind: userID), \(bind: line.skuID), \(bind: line.count), \(bind: line.selected), \(bind: now), \(bind: now))
            ON CONFLICT (user_id, sku_id) DO UPDATE SET count = \(newCount), selected = excluded.selected, update_time = excluded.update_time
            RETURNING count
            """).first()?.decode(column: "count", as: Int.self) ?? line.count
    }

    public func delete(userID: Int, skuID: Int) async throws {
        try await sql.raw("DELETE FROM cart_lines WHERE user_id = \(bind: userID) AND sku_id = \(bind: skuID)").run()
    }

    public func selectAll(userID: Int, selected: Bool) async throws {
        try await sql.raw("UPDATE cart_lines SET selected = \(bind: selected), update_time = \(bind: clock.now()) WHERE user_id = \(bind: userID)").run()
    }

    /// Removes the given SKUs' lines.
    public func remove(userID: Int, skuIDs: [Int]) async throws {
        guard !skuIDs.isEmpty else { return }
        try await sql.raw(Self.removeStatement(userID: userID, skuIDs: skuIDs)).run()
    }

    /// The `DELETE` of the lines an order took, for the order's own transaction or statement.
    public static func removeStatement(userID: Int, skuIDs: [Int]) -> SQLQueryString {
        "DELETE FROM cart_lines WHERE user_id = \(bind: userID) AND sku_id IN (\(binds: skuIDs))"
    }
}
