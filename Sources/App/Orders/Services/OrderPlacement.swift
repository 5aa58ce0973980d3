import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Placing an order (seed 004 保存订单), one code path for every database: check the address, read the selected
/// cart lines and the SKUs, price them with the shopper's choices (`CheckoutQuote`: coupon, credits, balance), then
/// build one write plan — the order and its lines, the unpaid-timeout job, the coupon, credits and balance spent
/// (each only if still there), the cart clean-up, and last the stock (Catalog's conditional update that can't
/// oversell) — and hand it to the database's plan executor, which writes all of it or none.
public struct OrderPlacement: Sendable {
    public static let timeoutJob = "orders.cancel_if_unpaid"
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct OrderIDPayload: Codable, Sendable {
        public let order_id: String
    }

    /// `addressID` is needed when goods are selected; an order of courses alone ships nothing and keeps none.
    public func place(userID: Int, addressID: Int?, payMethod: PayMethod, choices: CheckoutChoices = .none) async throws -> OrderInfo {
        let lines = try await CartService(services: services).selectedLines(.user(userID)).sorted { $0.skuID < $1.skuID }
        let courses = try await CourseCart(services: services).lines(userID: userID, selectedOnly: true)
        guard !lines.isEmpty || !courses.isEmpty else { throw OrdersError.nothingSelected }
        var address: Int?
        if !lines.isEmpty {
            guard let addressID else { throw OrdersError.addressRequired }
            guard try await AddressService(services: services).ownedOrNil(userID: userID, addressID: addressID) != nil else {
                throw OrdersError.invalidAddress(addressID)
            }
            address = addressID
        }
        if !courses.isEmpty && payMethod == .cashOnDelivery { throw CoursesError.cashOnDelivery }
        let wanted = lines.map { Inventory.Line(skuID: $0.skuID, count: $0.count) }
        var attempt = 0
        while true {
            attempt += 1
            let items = try await Inventory(services: services).items(wanted.map(\.skuID))
            // Already short: refuse without writing anything (the plan would refuse too, under any race).
            if let shortfall = Self.shortfall(wanted, items: items) { throw OrdersError(shortfall) }
            let enrolments = courses.isEmpty ? [:] : try Self.checkCourses(courses, enrolments: await Enrolments(services: services).enrolments(userID: userID))
            let now = services.clock.now()
            let quote = try await CheckoutQuote.make(services: services, userID: userID,
                                                     lines: Self.pricingLines(wanted, items: items) + courses.map(\.pricingLine),
                                                     choices: choices, now: now)
            let draft = OrderDraft(orderID: Self.newOrderNumber(userID: userID, now: now), userID: userID, addressID: address,
                                   payMethod: payMethod, lines: wanted, items: items, courses: courses, quote: quote, now: now)
            do {
                try await services.planExecutor.execute(plan(for: draft, enrolments: enrolments))
                return draft.order
            } catch let shortfall as Inventory.Shortfall {
                throw OrdersError(shortfall)
            } catch let short as Ledger.Insufficient {
                throw short.kind == .credits ? OrdersError.insufficientCredits : OrdersError.insufficientBalance
            } catch let error where attempt < 5 && Self.isWorthRetrying(error) {
                continue
            }
        }
    }

    /// Refuses a course that can't be bought today (not on sale yet, free, owned for ever); answers the shopper's
    /// current enrolments in those courses, which an order paid at checkout builds its grants on.
    static func checkCourses(_ courses: [CourseCart.Line], enrolments: [Enrolments.Enrolment]) throws -> [Int: Enrolments.Enrolment] {
        let mine = Dictionary(enrolments.map { ($0.courseID, $0) }) { first, _ in first }
        for line in courses {
            guard line.course.status == .online else { throw CoursesError.notOnSale }
            guard line.price > 0 else { throw CoursesError.isFree }
            if let enrolment = mine[line.course.id], enrolment.end == nil { throw CoursesError.ownedForever }
        }
        return mine
    }

    /// A price that moved or stock that came back between the read and the write; an order number that
    /// clashed; a PostgreSQL deadlock between two multi-line orders: a fresh read and a new number will do.
    static func isWorthRetrying(_ error: any Error) -> Bool {
        if error is PlanShortfall { return true }
        if let error = error as? any DatabaseError, error.isConstraintFailure { return true }
        return error.isTransientConflict
    }

    static func pricingLines(_ lines: [Inventory.Line], items: [Int: Inventory.Item]) -> [CheckoutPricing.Line] {
        lines.map { line in
            let item = items[line.skuID]
            return .init(key: String(line.skuID), unitPrice: item?.price ?? 0, count: line.count, kind: .goods,
                         tags: Set((item?.categoryIDs ?? []).map { "category:\($0)" }))
        }
    }

    /// The order's plan: its own rows first, what the shopper spends next, the hot stock rows last.
    func plan(for draft: OrderDraft, enrolments: [Int: Enrolments.Enrolment] = [:]) throws -> WritePlan {
        var plan = WritePlan()
        plan.write(draft.orderInsert())
        if !draft.lines.isEmpty { plan.write(draft.linesInsert()) }
        if !draft.courses.isEmpty {
            plan.write(OrderCourseLines.insert(orderID: draft.orderID, lines: draft.courses, priced: Array(draft.priced.lines.dropFirst(draft.lines.count)),
                                               discountName: draft.priced.discountName, now: draft.now))
            plan.write(CourseCart.removeStatement(userID: draft.userID, courseIDs: draft.courses.map(\.course.id)))
            if draft.status != .unpaid {
                // Paid at checkout: the courses are theirs in the same plan.
                let enrol = Enrolments(services: services)
                for line in draft.courses {
                    plan.append(enrol.grantSteps(userID: draft.userID, courseID: line.course.id, days: line.option.days > 0 ? line.option.days : nil,
                                                 current: enrolments[line.course.id], source: .balance, orderID: draft.orderID, now: draft.now))
                }
            }
        }
        if draft.status == .unpaid {
            let timeout = draft.now.addingTimeInterval(TimeInterval(services.config.orderTimeoutSeconds))
            plan.write(try JobQueue.insertStatement(Self.timeoutJob, payload: OrderIDPayload(order_id: draft.orderID),
                                                    runAt: timeout, uniqueKey: "timeout:\(draft.orderID)", now: draft.now))
        }
        plan.append(draft.quote.spendingSteps(services: services, userID: draft.userID, orderID: draft.orderID, now: draft.now))
        if !draft.lines.isEmpty { plan.write(StoredCart.removeStatement(userID: draft.userID, skuIDs: draft.lines.map(\.skuID))) }
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

/// An order about to be written: its number, its lines at the prices just read, and the quote priced from them.
struct OrderDraft: Sendable {
    let orderID: String
    let userID: Int
    let addressID: Int?
    let payMethod: PayMethod
    let lines: [Inventory.Line]
    let items: [Int: Inventory.Item]
    /// The course lines, priced after the goods lines.
    let courses: [CourseCart.Line]
    let quote: CheckoutQuote
    let now: Date

    var priced: CheckoutPricing.Priced { quote.priced }

    /// Nothing left to pay (coupon, credits and balance covered it): the order is paid at once.
    var status: OrderStatus { OrderStatus.placed(payMethod: payMethod, paidAtCheckout: priced.payAmount == 0, ships: !lines.isEmpty) }
    var totalCount: Int { lines.reduce(0) { $0 + $1.count } + courses.count }

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
        order.discount = priced.discount
        order.couponID = quote.coupon?.id
        order.credit = Int64(quote.credits)
        order.creditAmount = priced.creditAmount
        order.balanceAmount = priced.balanceAmount
        order.payAmount = priced.payAmount
        order.createTime = now
        order.updateTime = now
        return order
    }

    func orderInsert() -> SQLQueryString {
        """
        INSERT INTO order_info (order_id, user_id, address_id, total_count, total_amount, freight, pay_method, status, discount, coupon_id,
                                credit, credit_amount, balance_amount, pay_amount, create_time, update_time)
        VALUES (\(bind: orderID), \(bind: userID), \(bind: addressID), \(bind: totalCount), \(bind: priced.totalAmount), \(bind: priced.freight),
                \(bind: payMethod.rawValue), \(bind: status.rawValue), \(bind: priced.discount), \(bind: quote.coupon?.id),
                \(bind: Int64(quote.credits)), \(bind: priced.creditAmount), \(bind: priced.balanceAmount), \(bind: priced.payAmount),
                \(bind: now), \(bind: now))
        """
    }

    /// Each line at the price it was sold at (the stock step checks the price is still that one), with its share of
    /// the discount: `real_price` is what the line costs after it.
    func linesInsert() -> SQLQueryString {
        var query: SQLQueryString = """
            INSERT INTO order_goods (order_id, sku_id, count, price, real_price, discount_name, comment, score, is_anonymous, is_commented,
                                     create_time, update_time) VALUES
            """
        let discountName = priced.discountName ?? "原价购买"
        for (index, line) in priced.lines.prefix(lines.count).enumerated() {
            query.appendInterpolation(unsafeRaw: index == 0 ? " " : ", ")
            let values: SQLQueryString = """
                (\(bind: orderID), \(bind: lines[index].skuID), \(bind: line.line.count), \(bind: line.line.unitPrice), \(bind: line.realAmount),
                 \(bind: line.discount > 0 ? discountName : "原价购买"), '', 5, \(bind: false), \(bind: false), \(bind: now), \(bind: now))
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
