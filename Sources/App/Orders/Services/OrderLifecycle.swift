import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Moves orders along the status machine. Each move is a conditional update on the current status,
/// so of two racing moves (a user's cancel and the timeout job, say) exactly one happens.
public struct OrderLifecycle: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// Cancels an unpaid order and puts its stock back, once. Returns false when it was not unpaid any more.
    @discardableResult
    public func cancel(orderID: String, userID: Int? = nil) async throws -> Bool {
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard try await Self.move(orderID, from: .unpaid, event: .cancelled, userID: userID, sql: sql) else { return false }
            let lines = try await sql.raw("SELECT sku_id, count FROM order_goods WHERE order_id = \(bind: orderID)").all()
            for line in lines {
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

    /// The user's cancel: only their own unpaid order.
    public func cancelByUser(orderID: String, userID: Int) async throws {
        _ = try await OrderQueries(services: services).order(orderID, userID: userID)
        guard try await cancel(orderID: orderID, userID: userID) else { throw OrdersError.illegalTransition("只有待支付的订单可以取消") }
    }

    /// The buyer confirms receipt: 待收货 → 待评价.
    public func confirmReceipt(orderID: String, userID: Int) async throws {
        _ = try await OrderQueries(services: services).order(orderID, userID: userID)
        guard try await Self.move(orderID, from: .unreceived, event: .received, userID: userID, sql: services.sql()) else {
            throw OrdersError.illegalTransition("只有待收货的订单可以确认收货")
        }
    }

    /// Staff ship a paid (or cash-on-delivery) order: 待发货 → 待收货.
    public func ship(orderID: String) async throws {
        guard try await OrderInfo.find(orderID, on: services.db()) != nil else { throw OrdersError.orderNotFound }
        guard try await Self.move(orderID, from: .unsent, event: .shipped, userID: nil, sql: services.sql()) else {
            throw OrdersError.illegalTransition("只有待发货的订单可以发货")
        }
    }

    /// Payment confirmed: 待支付 → 待发货. False when the order was not unpaid (already paid, or cancelled).
    public func markPaid(orderID: String, on sql: (any SQLDatabase)? = nil) async throws -> Bool {
        try await Self.move(orderID, from: .unpaid, event: .paid, userID: nil, sql: sql ?? services.sql())
    }

    /// One conditional UPDATE: true when this call made the move.
    static func move(_ orderID: String, from: OrderStatus, event: OrderStatus.Event, userID: Int?, sql: any SQLDatabase) async throws -> Bool {
        guard let to = from.after(event) else { return false }
        let owner = userID.map { " AND user_id = \(Int($0))" } ?? ""
        let rows = try await sql.raw("""
            UPDATE order_info SET status = \(bind: to.rawValue), update_time = \(bind: Date())
            WHERE order_id = \(bind: orderID) AND status = \(bind: from.rawValue)\(unsafeRaw: owner) RETURNING order_id
            """).all()
        return !rows.isEmpty
    }
}
