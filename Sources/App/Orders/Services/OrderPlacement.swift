import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Placing an order (seed 004 保存订单): one transaction that checks the address, takes stock with conditional
/// updates that cannot oversell, and writes the order and its lines; the cart lines go only after commit.
public struct OrderPlacement: Sendable {
    public static let timeoutJob = "orders.cancel_if_unpaid"
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct OrderIDPayload: Codable, Sendable {
        public let order_id: String
    }

    public func place(userID: Int, addressID: Int, payMethod: PayMethod) async throws -> OrderInfo {
        guard try await AddressService(services: services).ownedOrNil(userID: userID, addressID: addressID) != nil else {
            throw OrdersError.invalidAddress
        }
        let cart = CartService(services: services)
        // Lock SKUs in id order so two concurrent orders can't deadlock on each other's rows.
        let lines = try await cart.selectedLines(.user(userID)).sorted { $0.skuID < $1.skuID }
        guard !lines.isEmpty else { throw OrdersError.nothingSelected }
        let order = try await insertWithFreshNumber(userID: userID, addressID: addressID, payMethod: payMethod, lines: lines)
        try await StoredCart(sql: services.sql()).remove(userID: userID, skuIDs: lines.map(\.skuID))
        return order
    }

    /// Order numbers are random in their last digits: a clash rolls back and tries another number.
    func insertWithFreshNumber(userID: Int, addressID: Int, payMethod: PayMethod, lines: [CartLineValue]) async throws -> OrderInfo {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await insert(userID: userID, addressID: addressID, payMethod: payMethod, lines: lines)
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 5 {
                continue
            }
        }
    }

    func insert(userID: Int, addressID: Int, payMethod: PayMethod, lines: [CartLineValue]) async throws -> OrderInfo {
        let freight = services.config.freightCents
        let timeout = TimeInterval(services.config.orderTimeoutSeconds)
        return try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            let order = OrderInfo()
            order.id = Self.newOrderNumber(userID: userID)
            order.userID = userID
            order.addressID = addressID
            order.payMethod = payMethod.rawValue
            order.status = OrderStatus.initial(for: payMethod).rawValue
            order.freight = freight
            order.totalCount = 0
            order.totalAmount = 0
            try await order.create(on: tx)
            var goodsAmount: Int64 = 0
            for line in lines {
                let price = try await Self.takeStock(skuID: line.skuID, count: line.count, sql: sql)
                let item = OrderGoods()
                item.orderID = order.id!
                item.skuID = line.skuID
                item.count = line.count
                item.price = price
                item.comment = ""
                item.score = 5
                item.isAnonymous = false
                item.isCommented = false
                try await item.create(on: tx)
                goodsAmount += price * Int64(line.count)
                order.totalCount += line.count
            }
            order.totalAmount = goodsAmount + freight
            try await order.save(on: tx)
            if order.status == OrderStatus.unpaid.rawValue {
                try await JobQueue.enqueue(Self.timeoutJob, payload: OrderIDPayload(order_id: order.id!), on: tx,
                                           runAt: Date().addingTimeInterval(timeout), uniqueKey: "timeout:\(order.id!)")
            }
            return order
        }
    }

    /// Decrements stock and adds sales in one conditional statement; returns the SKU's price.
    /// No row back means too little stock (or the SKU went off sale), and the whole order rolls back.
    static func takeStock(skuID: Int, count: Int, sql: any SQLDatabase) async throws -> Int64 {
        let row = try await sql.raw("""
            UPDATE skus SET stock = stock - \(bind: count), sales = sales + \(bind: count), update_time = \(bind: Date())
            WHERE id = \(bind: skuID) AND stock >= \(bind: count) AND is_launched = \(bind: true)
            RETURNING price, goods_id
            """).first()
        guard let row else {
            let sku = try await sql.raw("SELECT name, is_launched FROM skus WHERE id = \(bind: skuID)").first()
            let name = try sku?.decode(column: "name", as: String.self) ?? "商品\(skuID)"
            if let sku, try !sku.decode(column: "is_launched", as: Bool.self) { throw OrdersError.skuUnavailable(name) }
            throw OrdersError.insufficientStock(name)
        }
        try await sql.raw("UPDATE goods SET sales = sales + \(bind: count) WHERE id = \(bind: try row.decode(column: "goods_id", as: Int.self))").run()
        return try row.decode(column: "price", as: Int64.self)
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
