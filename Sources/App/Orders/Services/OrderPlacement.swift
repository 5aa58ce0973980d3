import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Placing an order (seed 004 保存订单), one code path for every database: check the address, read the selected
/// cart lines and the SKUs, price them with `CheckoutPricing`, then build one write plan — the order and its
/// lines, the unpaid-timeout job, the cart clean-up, and last the stock (Catalog's conditional update that can't
/// oversell) — and hand it to the database's plan executor, which writes all of it or none.
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
        let lines = try await CartService(services: services).selectedLines(.user(userID)).sorted { $0.skuID < $1.skuID }
        guard !lines.isEmpty else { throw OrdersError.nothingSelected }
        let wanted = lines.map { Inventory.Line(skuID: $0.skuID, count: $0.count) }
        var attempt = 0
        while true {
            attempt += 1
            let items = try await Inventory(services: services).items(wanted.map(\.skuID))
            // Already short: refuse without writing anything (the plan would refuse too, under any race).
            if let shortfall = Self.shortfall(wanted, items: items) { throw OrdersError(shortfall) }
            let draft = OrderDraft(orderID: Self.newOrderNumber(userID: userID, now: services.clock.now()), userID: userID,
                                   addressID: addressID, payMethod: payMethod, lines: wanted, items: items,
                                   freight: services.config.freightCents, now: services.clock.now())
            do {
                try await services.planExecutor.execute(plan(for: draft))
                return draft.order
            } catch let shortfall as Inventory.Shortfall {
                throw OrdersError(shortfall)
            } catch let error where attempt < 5 && Self.isWorthRetrying(error) {
                continue
            }
        }
    }

    /// A price that moved or stock that came back between the read and the write; an order number that
    /// clashed; a PostgreSQL deadlock between two multi-line orders: a fresh read and a new number will do.
    static func isWorthRetrying(_ error: any Error) -> Bool {
        if error is PlanShortfall { return true }
        if let error = error as? any DatabaseError, error.isConstraintFailure { return true }
        return error.isTransientConflict
    }

    /// The order's plan: its own rows first, the hot stock rows last.
    func plan(for draft: OrderDraft) throws -> WritePlan {
        var plan = WritePlan()
        plan.write(draft.orderInsert())
        plan.write(draft.linesInsert())
        if draft.status == .unpaid {
            let timeout = draft.now.addingTimeInterval(TimeInterval(services.config.orderTimeoutSeconds))
            plan.write(try JobQueue.insertStatement(Self.timeoutJob, payload: OrderIDPayload(order_id: draft.orderID),
                                                    runAt: timeout, uniqueKey: "timeout:\(draft.orderID)", now: draft.now))
        }
        plan.write(StoredCart.removeStatement(userID: draft.userID, skuIDs: draft.lines.map(\.skuID)))
        plan.append(Inventory(services: services).takeSteps(draft.lines, items: draft.items, now: draft.now))
        return plan
    }

    static func shortfall(_ lines: [Inventory.Line], items: [Int: Inventory.Item]) -> Inventory.Shortfall? {
        for line in lines {
            guard let item = items[line.skuID] else { return .unknown(skuID: line.skuID) }
            if !item.launched { return .offSale(name: item.name) }
            if item.stock < line.count { return .insufficientStock(name: item.name) }
        }
        return nil
    }

    static func newOrderNumber(userID: Int, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyyMMddHHmmss"
        var rng = SystemRandomNumberGenerator()
        return OrderNumber.make(timestamp: formatter.string(from: now), userID: userID, using: &rng)
    }
}

/// An order about to be written: its number, its lines at the prices just read, and what `CheckoutPricing` made of them.
struct OrderDraft: Sendable {
    let orderID: String
    let userID: Int
    let addressID: Int
    let payMethod: PayMethod
    let lines: [Inventory.Line]
    let items: [Int: Inventory.Item]
    let priced: CheckoutPricing.Priced
    let now: Date

    init(orderID: String, userID: Int, addressID: Int, payMethod: PayMethod, lines: [Inventory.Line],
         items: [Int: Inventory.Item], freight: Int64, now: Date) {
        self.orderID = orderID
        self.userID = userID
        self.addressID = addressID
        self.payMethod = payMethod
        self.lines = lines
        self.items = items
        self.now = now
        priced = CheckoutPricing.price(lines.map { .init(key: String($0.skuID), unitPrice: items[$0.skuID]?.price ?? 0, count: $0.count) },
                                       freight: freight)
    }

    var status: OrderStatus { OrderStatus.initial(for: payMethod) }
    var totalCount: Int { lines.reduce(0) { $0 + $1.count } }

    /// The order as it will be once the plan is written.
    var order: OrderInfo {
        let order = OrderInfo()
        order.id = orderID
        order.userID = userID
        order.addressID = addressID
        order.payMethod = payMethod.rawValue
        order.status = status.rawValue
        order.freight = priced.freight
        order.totalCount = totalCount
        order.totalAmount = priced.totalAmount
        order.createTime = now
        order.updateTime = now
        return order
    }

    func orderInsert() -> SQLQueryString {
        """
        INSERT INTO order_info (order_id, user_id, address_id, total_count, total_amount, freight, pay_method, status, create_time, update_time)
        VALUES (\(bind: orderID), \(bind: userID), \(bind: addressID), \(bind: totalCount), \(bind: priced.totalAmount), \(bind: priced.freight),
                \(bind: payMethod.rawValue), \(bind: status.rawValue), \(bind: now), \(bind: now))
        """
    }

    /// Each line at the price it was sold at (the stock step checks the price is still that one).
    func linesInsert() -> SQLQueryString {
        var query: SQLQueryString = """
            INSERT INTO order_goods (order_id, sku_id, count, price, comment, score, is_anonymous, is_commented, create_time, update_time) VALUES
            """
        for (index, line) in priced.lines.enumerated() {
            query.appendInterpolation(unsafeRaw: index == 0 ? " " : ", ")
            let values: SQLQueryString = """
                (\(bind: orderID), \(bind: lines[index].skuID), \(bind: line.line.count), \(bind: line.line.unitPrice), '', 5, \(bind: false), \(bind: false), \(bind: now), \(bind: now))
                """
            query.appendInterpolation(values)
        }
        return query
    }
}

extension OrdersError {
    /// The catalog's reason in the order's words: a bare list naming the SKU, as the front end shows `data[0]`.
    init(_ shortfall: Inventory.Shortfall) {
        switch shortfall {
        case .insufficientStock(let name): self = .insufficientStock(name)
        case .offSale(let name): self = .skuUnavailable(name)
        case .unknown(let id): self = .insufficientStock("商品\(id)")
        }
    }
}
