import Foundation
import SQLKit

/// The one place stock and sales change (`skus.stock`, `skus.sales`, `goods.sales`): taken by an order, given
/// back when it is cancelled, timed out or refunded. Other domains read SKUs' prices and stock here and add the
/// plan steps this returns to their own plans; none of them writes `skus` or `goods`.
public struct Inventory: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// What a checkout needs to know about a SKU: its price, stock and state, its SPU, its name for refusals.
    public struct Item: Sendable, Equatable {
        public let skuID: Int
        public let goodsID: Int
        public let name: String
        public let price: Int64
        public let stock: Int
        public let launched: Bool
        /// The product's three category levels (what a coupon scoped to a category matches).
        public var categoryIDs: [Int] = []
    }

    public struct Line: Sendable, Equatable {
        public let skuID: Int
        public let count: Int

        public init(skuID: Int, count: Int) {
            self.skuID = skuID
            self.count = count
        }
    }

    /// Why stock can't be taken, in the catalog's words (the order's refusal names the SKU).
    public enum Shortfall: Error, Equatable {
        case insufficientStock(name: String)
        case offSale(name: String)
        case unknown(skuID: Int)
    }

    /// The SKUs as they are now (read pool), keyed by id; unknown ids are missing.
    public func items(_ skuIDs: [Int]) async throws -> [Int: Item] {
        guard !skuIDs.isEmpty else { return [:] }
        return try await Self.items(skuIDs, on: services.readSQL())
    }

    static func items(_ skuIDs: [Int], on sql: any SQLDatabase) async throws -> [Int: Item] {
        var items: [Int: Item] = [:]
        for row in try await sql.raw("""
            SELECT s.id, s.goods_id, s.name, s.price, s.stock, s.is_launched, g.category1_id, g.category2_id, g.category3_id
            FROM skus s JOIN goods g ON g.id = s.goods_id WHERE s.id IN (\(binds: skuIDs))
            """).all() {
            let item = Item(skuID: try row.decode(column: "id", as: Int.self), goodsID: try row.decode(column: "goods_id", as: Int.self),
                            name: try row.decode(column: "name", as: String.self), price: try row.decode(column: "price", as: Int64.self),
                            stock: try row.decode(column: "stock", as: Int.self), launched: try row.decode(column: "is_launched", as: Bool.self),
                            categoryIDs: [try row.decode(column: "category1_id", as: Int.self), try row.decode(column: "category2_id", as: Int.self),
                                          try row.decode(column: "category3_id", as: Int.self)])
            items[item.skuID] = item
        }
        return items
    }

    /// Steps that take `lines` from stock at the prices in `items` (read just before): one conditional update that
    /// must touch every line — on sale, enough stock, price unchanged — then the SPUs' sales. Put them last in a
    /// plan: these are the hot rows. When a line falls short, the refusal names it (or none, if the price moved
    /// and a fresh read will do).
    public func takeSteps(_ lines: [Line], items: [Int: Item], now: Date) -> WritePlan {
        let lines = lines.sorted { $0.skuID < $1.skuID }
        var plan = WritePlan()
        guard !lines.isEmpty else { return plan }  // an order of courses alone takes no stock
        let wanted = Self.values(lines.map { [$0.skuID, $0.count, Int(items[$0.skuID]?.price ?? -1)] })
        plan.write(Self.goodsSales(lines, items: items, sign: "+"))
        plan.require("""
            UPDATE skus SET stock = skus.stock - wanted.column2, sales = skus.sales + wanted.column2, update_time = \(bind: now)
            FROM \(unsafeRaw: wanted) AS wanted
            WHERE skus.id = wanted.column1 AND skus.stock >= wanted.column2 AND skus.is_launched = \(bind: true) AND skus.price = wanted.column3
            """, touches: lines.count) { sql in try await Self.shortfall(lines, on: sql) }
        return plan
    }

    /// Steps that give `lines` back to stock and take them off the sales counts (a cancelled, timed-out or refunded order).
    public func restoreSteps(_ lines: [Line], now: Date) async throws -> WritePlan {
        guard !lines.isEmpty else { return WritePlan() }
        let items = try await Self.items(lines.map(\.skuID), on: services.sql())
        let known = lines.filter { items[$0.skuID] != nil }.sorted { $0.skuID < $1.skuID }
        var plan = WritePlan()
        guard !known.isEmpty else { return plan }
        plan.write(Self.goodsSales(known, items: items, sign: "-"))
        plan.write("""
            UPDATE skus SET stock = skus.stock + wanted.column2, sales = skus.sales - wanted.column2, update_time = \(bind: now)
            FROM \(unsafeRaw: Self.values(known.map { [$0.skuID, $0.count] })) AS wanted WHERE skus.id = wanted.column1
            """)
        return plan
    }

    /// Staff count the stock again (the back office): it becomes `stock` only if it is still `was`, the number the
    /// staff member saw — an order that took some meanwhile is not overwritten; the refusal says what it is now.
    public func recount(skuID: Int, to stock: Int, was: Int, now: Date, on sql: any SQLDatabase) async throws {
        guard stock != was else { return }
        let changed = try await sql.raw("""
            UPDATE skus SET stock = \(bind: stock), update_time = \(bind: now) WHERE id = \(bind: skuID) AND stock = \(bind: was) RETURNING id
            """).first()
        if changed == nil {
            let current = try await Self.items([skuID], on: sql)[skuID]?.stock ?? 0
            throw APIError.field("stock", "库存已被订单改变（现为 \(current)），请按现在的数目重新填写。")
        }
    }

    /// Sets the stock of SKUs 1…`upTo` and puts them on sale (benchmark fixtures; the back office will restock one by one).
    public func restock(skuIDsUpTo upTo: Int, stock: Int) async throws {
        try await services.sql().raw("""
            UPDATE skus SET stock = \(bind: stock), is_launched = \(bind: true), update_time = \(bind: services.clock.now()) WHERE id <= \(bind: upTo)
            """).run()
    }

    /// The first line (in id order) that can't be taken now, in the catalog's words; nil when all could be.
    static func shortfall(_ lines: [Line], on sql: any SQLDatabase) async throws -> Shortfall? {
        let items = try await Self.items(lines.map(\.skuID), on: sql)
        for line in lines.sorted(by: { $0.skuID < $1.skuID }) {
            guard let item = items[line.skuID] else { return .unknown(skuID: line.skuID) }
            if !item.launched { return .offSale(name: item.name) }
            if item.stock < line.count { return .insufficientStock(name: item.name) }
        }
        return nil
    }

    /// One update of the SPUs' sales, the lines summed per SPU (a statement may touch a row once).
    static func goodsSales(_ lines: [Line], items: [Int: Item], sign: String) -> SQLQueryString {
        var perGoods: [Int: Int] = [:]
        for line in lines { if let goodsID = items[line.skuID]?.goodsID { perGoods[goodsID, default: 0] += line.count } }
        let rows = perGoods.keys.sorted().map { [$0, perGoods[$0]!] }
        return """
            UPDATE goods SET sales = goods.sales \(unsafeRaw: sign) per_goods.column2
            FROM \(unsafeRaw: rows.isEmpty ? "(SELECT 0 AS column1, 0 AS column2)" : values(rows)) AS per_goods WHERE goods.id = per_goods.column1
            """
    }

    /// `(VALUES (1, 2), (3, 4))`: integers only, written as literals (columns are `column1`, `column2`, … on
    /// both databases).
    static func values(_ rows: [[Int]]) -> String {
        "(VALUES " + rows.map { "(" + $0.map { "CAST(\($0) AS BIGINT)" }.joined(separator: ", ") + ")" }.joined(separator: ", ") + ")"
    }
}
