import FluentKit
import Foundation
import SQLKit

/// Takes stock for an order's lines with conditional updates that cannot oversell, and adds the SPUs' sales
/// (SQLite's order transaction; PostgreSQL does the same inside `PostgresOrderStatement`), and says why a line
/// could not be taken.
enum StockTaking {
    struct Line: Sendable {
        let skuID: Int
        let count: Int
    }

    /// The price each SKU was sold at. Throws `OrdersError` (and the transaction rolls back) when any line
    /// lacks stock or went off sale.
    static func take(_ lines: [Line], sql: any SQLDatabase) async throws -> [Int: Int64] {
        let lines = lines.sorted { $0.skuID < $1.skuID }
        let prices = try await takeLineByLine(lines, sql: sql)
        if let missing = lines.first(where: { prices[$0.skuID] == nil }) {
            throw try await refusal(for: [missing], sql: sql) ?? .insufficientStock("商品\(missing.skuID)")
        }
        return prices
    }

    /// SQLite has one writer, so nothing waits on these rows; one conditional update per line.
    static func takeLineByLine(_ lines: [Line], sql: any SQLDatabase) async throws -> [Int: Int64] {
        var prices: [Int: Int64] = [:]
        for line in lines {
            guard let row = try await sql.raw("""
                UPDATE skus SET stock = stock - \(bind: line.count), sales = sales + \(bind: line.count), update_time = \(bind: Date())
                WHERE id = \(bind: line.skuID) AND stock >= \(bind: line.count) AND is_launched = \(bind: true)
                RETURNING price, goods_id
                """).first() else { return prices }
            try await sql.raw("UPDATE goods SET sales = sales + \(bind: line.count) WHERE id = \(bind: try row.decode(column: "goods_id", as: Int.self))").run()
            prices[line.skuID] = try row.decode(column: "price", as: Int64.self)
        }
        return prices
    }

    /// The refusal for the first line (in id order) that can't be taken now; nil when all could be (stock came back).
    static func refusal(for lines: [Line], sql: any SQLDatabase) async throws -> OrdersError? {
        let rows = try await sql.raw("SELECT id, name, stock, is_launched FROM skus WHERE id IN (\(binds: lines.map(\.skuID)))").all()
        var skus: [Int: any SQLRow] = [:]
        for row in rows { skus[try row.decode(column: "id", as: Int.self)] = row }
        for line in lines.sorted(by: { $0.skuID < $1.skuID }) {
            guard let sku = skus[line.skuID] else { return .insufficientStock("商品\(line.skuID)") }
            let name = try sku.decode(column: "name", as: String.self)
            if try !sku.decode(column: "is_launched", as: Bool.self) { return .skuUnavailable(name) }
            if try sku.decode(column: "stock", as: Int.self) < line.count { return .insufficientStock(name) }
        }
        return nil
    }
}
