import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// What the Payments domain needs from orders: finding an order a provider names, the unpaid online
/// orders worth asking the provider about, and cancelling a paid order whose money goes back.
extension OrderQueries {
    /// Any user's order by number (a payment provider names it, not a user), or nil.
    public func find(_ orderID: String, on database: (any Database)? = nil) async throws -> OrderInfo? {
        try await OrderInfo.find(orderID, on: database ?? services.db())
    }

    /// Unpaid orders of `payMethod` placed before `createdBefore`, oldest first.
    public func unpaidOrderIDs(payMethod: PayMethod, createdBefore: Date, limit: Int) async throws -> [String] {
        try await OrderInfo.query(on: services.db())
            .filter(\.$status == OrderStatus.unpaid.rawValue)
            .filter(\.$payMethod == payMethod.rawValue)
            .filter(\.$createTime < createdBefore)
            .sort(\.$createTime).limit(limit).all().compactMap(\.id)
    }
}

extension OrderLifecycle {
    /// Staff cancel a paid order that has not shipped (待发货 → 已取消) and its stock goes back, once.
    /// Runs on `sql`, which may be the caller's transaction; false when the order was not waiting to ship.
    public static func cancelPaid(orderID: String, sql: any SQLDatabase) async throws -> Bool {
        let rows = try await sql.raw("""
            UPDATE order_info SET status = \(bind: OrderStatus.cancelled.rawValue), update_time = \(bind: Date())
            WHERE order_id = \(bind: orderID) AND status = \(bind: OrderStatus.unsent.rawValue) RETURNING order_id
            """).all()
        guard !rows.isEmpty else { return false }
        for line in try await sql.raw("SELECT sku_id, count FROM order_goods WHERE order_id = \(bind: orderID)").all() {
            let skuID = try line.decode(column: "sku_id", as: Int.self)
            let count = try line.decode(column: "count", as: Int.self)
            try await sql.raw("""
                UPDATE skus SET stock = stock + \(bind: count), sales = sales - \(bind: count), update_time = \(bind: Date()) WHERE id = \(bind: skuID)
                """).run()
            try await sql.raw("""
                UPDATE goods SET sales = sales - \(bind: count) WHERE id = (SELECT goods_id FROM skus WHERE id = \(bind: skuID))
                """).run()
        }
        return true
    }
}
