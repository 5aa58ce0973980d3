import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Placing an order (seed 004 保存订单): after checking the address and reading the selected cart lines, one atomic
/// unit takes stock with conditional updates that cannot oversell, writes the order, its lines and its timeout job,
/// and clears those cart lines — a single statement on PostgreSQL, a transaction on SQLite.
public struct OrderPlacement: Sendable {
    public static let timeoutJob = "orders.cancel_if_unpaid"
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct OrderIDPayload: Codable, Sendable {
        public let order_id: String
    }

    public func place(userID: Int, addressID: Int, payMethod: PayMethod) async throws -> OrderInfo {
        guard try await AddressService(services: services).ownedOrNil(userID: userID, addressID: addressID) != nil else {
            throw OrdersError.invalidAddress(addressID)
        }
        let cart = CartService(services: services)
        // Lock SKUs in id order so two concurrent orders can't deadlock on each other's rows.
        let lines = try await cart.selectedLines(.user(userID)).sorted { $0.skuID < $1.skuID }
        guard !lines.isEmpty else { throw OrdersError.nothingSelected }
        return try await insertWithFreshNumber(userID: userID, addressID: addressID, payMethod: payMethod, lines: lines)
    }

    /// Order numbers are random in their last digits: a clash rolls back and tries another number. A deadlock
    /// between two multi-line orders on PostgreSQL rolls one back; it is tried again too.
    func insertWithFreshNumber(userID: Int, addressID: Int, payMethod: PayMethod, lines: [CartLineValue]) async throws -> OrderInfo {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await insert(userID: userID, addressID: addressID, payMethod: payMethod, lines: lines)
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 5 {
                continue
            } catch where error.isTransientConflict && attempt < 5 {
                continue
            }
        }
    }

    func insert(userID: Int, addressID: Int, payMethod: PayMethod, lines: [CartLineValue]) async throws -> OrderInfo {
        let orderID = Self.newOrderNumber(userID: userID)
        let timeout = Date().addingTimeInterval(TimeInterval(services.config.orderTimeoutSeconds))
        let timeoutJob = OrderStatus.initial(for: payMethod) == .unpaid
            ? try JobQueue.insertStatement(Self.timeoutJob, payload: OrderIDPayload(order_id: orderID), runAt: timeout, uniqueKey: "timeout:\(orderID)")
            : nil
        let stockLines = lines.map { StockTaking.Line(skuID: $0.skuID, count: $0.count) }
        let cartCleanup = StoredCart.removeStatement(userID: userID, skuIDs: lines.map(\.skuID))
        let order = OrderInfo()
        order.id = orderID
        order.userID = userID
        order.addressID = addressID
        order.payMethod = payMethod.rawValue
        order.status = OrderStatus.initial(for: payMethod).rawValue
        order.freight = services.config.freightCents
        order.totalCount = lines.reduce(0) { $0 + $1.count }
        if services.database.kind == .postgres {
            order.totalAmount = try await PostgresOrderStatement(
                orderID: orderID, userID: userID, addressID: addressID, payMethod: payMethod,
                freight: order.freight, lines: stockLines, timeoutJob: timeoutJob, cartCleanup: cartCleanup
            ).run(on: services.sql())
        } else {
            try await insertInTransaction(order, lines: lines, timeoutJob: timeoutJob, cartCleanup: cartCleanup)
        }
        return order
    }

    /// SQLite: writes the order and its lines at the listed prices, then takes the stock (one writer, so nobody waits on the rows).
    func insertInTransaction(_ order: OrderInfo, lines: [CartLineValue], timeoutJob: SQLQueryString?, cartCleanup: SQLQueryString) async throws {
        let listed = try await listedPrices(lines.map(\.skuID))
        let orderID = order.id!
        order.totalAmount = Self.goodsAmount(lines, prices: listed) + order.freight
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            try await order.create(on: tx)
            try await lines.map { line in
                let item = OrderGoods()
                item.orderID = orderID
                item.skuID = line.skuID
                item.count = line.count
                item.price = listed[line.skuID] ?? 0
                item.comment = ""
                item.score = 5
                item.isAnonymous = false
                item.isCommented = false
                return item
            }.create(on: tx)
            if let timeoutJob { try await sql.raw(timeoutJob).run() }
            try await sql.raw(cartCleanup).run()
            let sold = try await StockTaking.take(lines.map { .init(skuID: $0.skuID, count: $0.count) }, sql: sql)
            try await Self.chargeLockedPrices(order, lines: lines, listed: listed, sold: sold, sql: sql)
        }
    }

    /// Prices as the shopper saw them; read outside the transaction.
    func listedPrices(_ skuIDs: [Int]) async throws -> [Int: Int64] {
        var prices: [Int: Int64] = [:]
        for row in try await services.readSQL().raw("SELECT id, price FROM skus WHERE id IN (\(binds: skuIDs))").all() {
            prices[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "price", as: Int64.self)
        }
        return prices
    }

    static func goodsAmount(_ lines: [CartLineValue], prices: [Int: Int64]) -> Int64 {
        lines.reduce(0) { $0 + (prices[$1.skuID] ?? 0) * Int64($1.count) }
    }

    /// A price changed between reading and locking (rare): the locked row's price is the one charged.
    static func chargeLockedPrices(_ order: OrderInfo, lines: [CartLineValue], listed: [Int: Int64], sold: [Int: Int64], sql: any SQLDatabase) async throws {
        let moved = lines.filter { listed[$0.skuID] != sold[$0.skuID] }
        guard !moved.isEmpty else { return }
        for line in moved {
            try await sql.raw("UPDATE order_goods SET price = \(bind: sold[line.skuID]!) WHERE order_id = \(bind: order.id!) AND sku_id = \(bind: line.skuID)").run()
        }
        order.totalAmount = goodsAmount(lines, prices: sold) + order.freight
        try await sql.raw("UPDATE order_info SET total_amount = \(bind: order.totalAmount) WHERE order_id = \(bind: order.id!)").run()
    }

    static func newOrderNumber(userID: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyyMMddHHmmss"
        var rng = SystemRandomNumberGenerator()
        return OrderNumber.make(timestamp: formatter.string(from: Date()), userID: userID, using: &rng)
    }
}
