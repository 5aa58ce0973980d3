import Foundation
import MeiduoRules
import PostgresNIO
import SQLKit

/// Order placement on PostgreSQL as one statement: take stock, add SPU sales, write the order, its lines and its
/// timeout job, and clear the cart lines. A single statement commits atomically by itself, so the hot SKU rows are locked for its execution
/// and the commit only, never across round trips — what lets many buyers of one SKU through per second.
struct PostgresOrderStatement {
    let orderID: String
    let userID: Int
    let addressID: Int
    let payMethod: PayMethod
    let freight: Int64
    let lines: [StockTaking.Line]
    let timeoutJob: SQLQueryString?
    /// Removes the ordered lines from the cart in the same statement.
    let cartCleanup: SQLQueryString

    /// Division by zero stops the statement (and undoes all of it) when any line lacked stock. The check sits in
    /// `placed`'s select list, which is computed even when nothing was taken (an aggregate always yields a row)
    /// and which the planner cannot drop as an unused column.
    static let shortOfStockState = "22012"

    /// Returns the amount charged; throws `OrdersError` when a line can't be taken.
    func run(on sql: any SQLDatabase) async throws -> Int64 {
        var attempt = 0
        while true {
            attempt += 1
            do {
                guard let row = try await sql.raw(statement()).first() else { throw OrdersError.nothingSelected }
                return try row.decode(column: "total_amount", as: Int64.self)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.shortOfStockState {
                // Stock that came back between the two reads (a cancelled order) earns one more try.
                if let refusal = try await StockTaking.refusal(for: lines, sql: sql) { throw refusal }
                if attempt >= 3 { throw OrdersError.insufficientStock("商品") }
            }
        }
    }

    func statement() -> SQLQueryString {
        let now = Date()
        let sorted = lines.sorted { $0.skuID < $1.skuID }
        let wanted = SQLList(sorted.map { SQLRaw("(\($0.skuID)::bigint, \($0.count)::bigint)") })
        var query: SQLQueryString = """
            WITH wanted(id, n) AS (VALUES \(wanted)),
            taken AS (
                UPDATE skus SET stock = skus.stock - wanted.n, sales = skus.sales + wanted.n, update_time = \(bind: now)
                FROM wanted WHERE skus.id = wanted.id AND skus.stock >= wanted.n AND skus.is_launched
                RETURNING skus.id, skus.price, skus.goods_id, wanted.n),
            complete AS MATERIALIZED (SELECT 1 / (CASE WHEN (SELECT COUNT(*) FROM taken) = \(unsafeRaw: String(sorted.count)) THEN 1 ELSE 0 END) AS ok),
            spu AS (
                UPDATE goods SET sales = goods.sales + per_goods.n
                FROM (SELECT goods_id, SUM(n) AS n FROM taken GROUP BY goods_id) per_goods
                WHERE goods.id = per_goods.goods_id),
            placed AS (
                INSERT INTO order_info (order_id, user_id, address_id, total_count, total_amount, freight, pay_method, status, create_time, update_time)
                SELECT \(bind: orderID), \(bind: userID), \(bind: addressID), SUM(taken.n) * (SELECT ok FROM complete), SUM(taken.price * taken.n) + \(bind: freight),
                       \(bind: freight), \(bind: payMethod.rawValue), \(bind: OrderStatus.initial(for: payMethod).rawValue), \(bind: now), \(bind: now)
                FROM taken
                RETURNING order_id, total_amount),
            items AS (
                INSERT INTO order_goods (order_id, sku_id, count, price, comment, score, is_anonymous, is_commented, create_time, update_time)
                SELECT placed.order_id, taken.id, taken.n, taken.price, '', 5, false, false, \(bind: now), \(bind: now)
                FROM taken, placed)
            """
        for (name, part) in [("timeout", timeoutJob), ("cleared", cartCleanup)] {
            guard let part else { continue }
            query.appendInterpolation(unsafeRaw: ",\n\(name) AS (")
            query.appendInterpolation(part)
            query.appendInterpolation(unsafeRaw: ")")
        }
        query.appendInterpolation(unsafeRaw: "\nSELECT total_amount FROM placed")
        return query
    }
}
