import FluentKit
import Foundation
import SQLKit

/// Takes stock for an order's lines with conditional updates that cannot oversell, and adds the SPUs' sales.
/// Called as the last step of the order transaction: the hot SKU and SPU rows stay locked only for this
/// and the commit, so concurrent buyers of the same SKU queue for as short a time as possible.
enum StockTaking {
    struct Line: Sendable {
        let skuID: Int
        let count: Int
    }

    /// The price each SKU was sold at. Throws `OrdersError` (and the transaction rolls back) when any line
    /// lacks stock or went off sale.
    static func take(_ lines: [Line], sql: any SQLDatabase, postgres: Bool) async throws -> [Int: Int64] {
        let lines = lines.sorted { $0.skuID < $1.skuID }
        let prices = postgres ? try await takeInOneStatement(lines, sql: sql) : try await takeLineByLine(lines, sql: sql)
        if let missing = lines.first(where: { prices[$0.skuID] == nil }) {
            throw try await refusal(skuID: missing.skuID, sql: sql)
        }
        return prices
    }

    /// PostgreSQL: both updates in one round trip. Rows are visited in id order (sorted VALUES, nested loop);
    /// a rare deadlock between multi-line orders is retried by the caller.
    static func takeInOneStatement(_ lines: [Line], sql: any SQLDatabase) async throws -> [Int: Int64] {
        let values = SQLList(lines.map { SQLRaw("(\($0.skuID)::bigint, \($0.count)::bigint)") })
        let rows = try await sql.raw("""
            WITH wanted(id, n) AS (VALUES \(values)),
            taken AS (
                UPDATE skus SET stock = skus.stock - wanted.n, sales = skus.sales + wanted.n, update_time = \(bind: Date())
                FROM wanted WHERE skus.id = wanted.id AND skus.stock >= wanted.n AND skus.is_launched
                RETURNING skus.id, skus.price, skus.goods_id, wanted.n),
            spu AS (
                UPDATE goods SET sales = goods.sales + per_goods.n
                FROM (SELECT goods_id, SUM(n) AS n FROM taken GROUP BY goods_id) per_goods
                WHERE goods.id = per_goods.goods_id)
            SELECT id, price FROM taken
            """).all()
        var prices: [Int: Int64] = [:]
        for row in rows { prices[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "price", as: Int64.self) }
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

    /// Why a line could not be taken: the SKU is off sale, or too little is left.
    static func refusal(skuID: Int, sql: any SQLDatabase) async throws -> OrdersError {
        let sku = try await sql.raw("SELECT name, is_launched FROM skus WHERE id = \(bind: skuID)").first()
        let name = try sku?.decode(column: "name", as: String.self) ?? "商品\(skuID)"
        if let sku, try !sku.decode(column: "is_launched", as: Bool.self) { return .skuUnavailable(name) }
        return .insufficientStock(name)
    }
}
