import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Moves orders along the status machine (`OrderStatus.after`): every move is a conditional update on the current
/// status, so of two racing moves (a user's cancel and the timeout job, say) exactly one happens. A move that
/// gives stock back carries Catalog's restore steps in the same plan, so the stock comes back exactly once.
public struct OrderLifecycle: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// The status move refused: the order was not in the state the move starts from.
    public struct MoveRefused: Error {}

    /// Cancels an unpaid order and puts its stock back, once. Returns false when it was not unpaid any more.
    @discardableResult
    public func cancel(orderID: String, userID: Int? = nil) async throws -> Bool {
        try await moveGivingStockBack(orderID, from: .unpaid, event: .cancelled, userID: userID)
    }

    /// The steps that cancel a paid, unshipped order whose money goes back (待发货 → 已取消) and give its stock
    /// back, for the refunding domain's own plan; the plan fails with `MoveRefused` when the order was not
    /// waiting for shipment.
    /// An order of courses alone is refundable once paid (已完成); what it granted is taken back in the same plan.
    public func cancelPaidSteps(orderID: String) async throws -> WritePlan {
        let refund = OrderStatus.refundable(ships: try await OrderCourseLines.ships(orderID: orderID, on: services.readSQL()))
        return try await stepsGivingStockBack(orderID, from: refund.from, event: refund.event, userID: nil)
    }

    func moveGivingStockBack(_ orderID: String, from: OrderStatus, event: OrderStatus.Event, userID: Int?) async throws -> Bool {
        do {
            try await services.planExecutor.execute(try await stepsGivingStockBack(orderID, from: from, event: event, userID: userID))
            return true
        } catch is MoveRefused {
            return false
        }
    }

    /// The move plus everything the order took coming back once: the stock, the coupon (unused if still valid), the
    /// credits and the balance it used; and for a paid order given back, the credits its payment earned.
    func stepsGivingStockBack(_ orderID: String, from: OrderStatus, event: OrderStatus.Event, userID: Int?) async throws -> WritePlan {
        let now = services.clock.now()
        var plan = WritePlan()
        plan.require(Self.moveStatement(orderID, from: from, event: event, userID: userID, now: now), touches: 1) { _ in MoveRefused() }
        guard let order = try await OrderInfo.find(orderID, on: services.readDB()) else { return plan }
        plan.append(Promotions(services: services).restoreSteps(orderID: orderID, now: now))
        let earned = from == .unpaid ? 0 : Int64(services.config.creditRules.earned(paidCents: order.payAmount))
        plan.append(Ledger(.credits, services: services).adjustSteps(
            userID: order.userID, entries: [(order.credit, .orderRefund), (-earned, .earnedTakenBack)], orderID: orderID, now: now))
        plan.append(Ledger(.wallet, services: services).adjustSteps(
            userID: order.userID, entries: [(order.balanceAmount, .orderRefund)], orderID: orderID, now: now))
        plan.append(try await Inventory(services: services).restoreSteps(try await lines(of: orderID), now: now))
        if from != .unpaid { plan.append(try await Enrolments(services: services).revokeSteps(orderID: orderID, now: now)) }
        return plan
    }

    /// The user's cancel: only their own unpaid order.
    public func cancelByUser(orderID: String, userID: Int) async throws {
        _ = try await OrderQueries(services: services).order(orderID, userID: userID)
        guard try await cancel(orderID: orderID, userID: userID) else { throw OrdersError.illegalTransition("只有待支付的订单可以取消") }
    }

    /// The buyer confirms receipt: 待收货 → 待评价.
    public func confirmReceipt(orderID: String, userID: Int) async throws {
        _ = try await OrderQueries(services: services).order(orderID, userID: userID)
        guard try await move(orderID, from: .unreceived, event: .received, userID: userID, sql: services.sql()) else {
            throw OrdersError.illegalTransition("只有待收货的订单可以确认收货")
        }
    }

    /// What the back office records with a shipment: the carrier and number (checked by `Shipment.check`) and who.
    public struct ShipmentRecord: Sendable {
        public let carrier: String
        public let trackingNumber: String
        public let staffID: Int
    }

    /// Staff ship a paid (or cash-on-delivery) order: 待发货 → 待收货, with its tracking number when given (the move
    /// and the shipment row in one transaction).
    public func ship(orderID: String, shipment: ShipmentRecord? = nil) async throws {
        guard try await OrderInfo.find(orderID, on: services.db()) != nil else { throw OrdersError.orderNotFound }
        let now = services.clock.now()
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard try await move(orderID, from: .unsent, event: .shipped, userID: nil, sql: sql) else {
                throw OrdersError.illegalTransition("只有待发货的订单可以发货")
            }
            if let shipment {
                try await sql.raw("""
                    INSERT INTO order_shipments (order_id, carrier, tracking_no, staff_id, shipped_at)
                    VALUES (\(bind: orderID), \(bind: shipment.carrier), \(bind: shipment.trackingNumber), \(bind: shipment.staffID), \(bind: now))
                    """).run()
            }
        }
    }

    /// Payment confirmed: 待支付 → 待发货, or → 已完成 for an order of courses alone. False when the order was not
    /// unpaid (already paid, or cancelled).
    public func markPaid(orderID: String, on sql: (any SQLDatabase)? = nil) async throws -> Bool {
        let sql = sql ?? services.sql()
        let event = OrderStatus.paidEvent(ships: try await OrderCourseLines.ships(orderID: orderID, on: sql))
        return try await move(orderID, from: .unpaid, event: event, userID: nil, sql: sql)
    }

    /// The courses a paid order bought, granted on top of the buyer's enrolments as read on `sql` (the payment's own
    /// transaction), the grant's source named after the provider.
    public func enrolmentSteps(orderID: String, provider: String, on sql: any SQLDatabase, now: Date) async throws -> WritePlan {
        guard let lines = try await OrderCourseLines.read(orderIDs: [orderID], on: sql)[orderID], !lines.isEmpty,
              let userID = try await sql.raw("SELECT user_id FROM order_info WHERE order_id = \(bind: orderID)").first()?
                .decode(column: "user_id", as: Int.self) else { return WritePlan() }
        return try await Enrolments(services: services).orderGrantSteps(
            userID: userID, orderID: orderID, lines: lines.map { ($0.courseID, $0.grantDays) },
            source: Enrolments.source(provider: provider), on: sql, now: now)
    }

    /// The credits a paid order earns (seed 002 积分: per whole yuan paid through the provider), for the payment's
    /// own transaction; taken back if the order is refunded.
    public func creditsEarnedSteps(orderID: String, on database: any Database, now: Date) async throws -> WritePlan {
        guard let order = try await OrderInfo.find(orderID, on: database) else { return WritePlan() }
        let earned = Int64(services.config.creditRules.earned(paidCents: order.payAmount))
        return Ledger(.credits, services: services).creditSteps(userID: order.userID, amount: earned, reason: .orderEarned, orderID: orderID, now: now)
    }

    /// One conditional UPDATE on `sql` (which may be the caller's transaction): true when this call made the move.
    func move(_ orderID: String, from: OrderStatus, event: OrderStatus.Event, userID: Int?, sql: any SQLDatabase) async throws -> Bool {
        var statement = Self.moveStatement(orderID, from: from, event: event, userID: userID, now: services.clock.now())
        statement.appendInterpolation(unsafeRaw: " RETURNING order_id")
        return try await !sql.raw(statement).all().isEmpty
    }

    /// The conditional update of a move the state machine allows; one that it doesn't can never touch a row.
    static func moveStatement(_ orderID: String, from: OrderStatus, event: OrderStatus.Event, userID: Int?, now: Date) -> SQLQueryString {
        let to = from.after(event)
        var statement: SQLQueryString = """
            UPDATE order_info SET status = \(bind: (to ?? from).rawValue), update_time = \(bind: now)
            WHERE order_id = \(bind: orderID) AND status = \(bind: from.rawValue)
            """
        if let userID {
            let owner: SQLQueryString = " AND user_id = \(bind: userID)"
            statement.appendInterpolation(owner)
        }
        if to == nil { statement.appendInterpolation(unsafeRaw: " AND 1 = 0") }
        return statement
    }

    /// What an order took from stock (its lines never change).
    func lines(of orderID: String) async throws -> [Inventory.Line] {
        try await services.readSQL().raw("SELECT sku_id, count FROM order_goods WHERE order_id = \(bind: orderID)").all().map {
            Inventory.Line(skuID: try $0.decode(column: "sku_id", as: Int.self), count: try $0.decode(column: "count", as: Int.self))
        }
    }
}
