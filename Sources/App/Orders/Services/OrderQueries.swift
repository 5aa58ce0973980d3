import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Reading orders: settlement, a user's order list and one order. Nobody sees another user's orders.
public struct OrderQueries: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    var imageBase: String { services.config.imageBaseURL }

    /// The settlement page: the selected lines, my coupons (usable or why not), credits and balance, and the checkout
    /// priced with `choices` — or, when none are given, with the coupon that saves most (自动计算优惠价格).
    public func settlement(userID: Int, choices: CheckoutChoices? = nil) async throws -> SettlementDTO {
        let lines = try await CartService(services: services).selectedLines(.user(userID))
        async let courseLines = CourseCart(services: services).lines(userID: userID, selectedOnly: true)
        async let summaries = SKUListQueries(sql: services.readSQL(), imageBase: imageBase).summaries(ids: lines.map(\.skuID))
        async let items = Inventory(services: services).items(lines.map(\.skuID))
        async let unused = Promotions(services: services).unusedCoupons(userID: userID)
        let counts = Dictionary(uniqueKeysWithValues: lines.map { ($0.skuID, $0.count) })
        let courses = try await courseLines
        let pricing = OrderPlacement.pricingLines(lines.map { Inventory.Line(skuID: $0.skuID, count: $0.count) }, items: try await items)
            + courses.map(\.pricingLine)
        let goods = pricing.reduce(0) { $0 + $1.amount }
        let now = services.clock.now()
        let promotions = Promotions(services: services)
        let coupons = try await unused.map { coupon in
            (coupon, promotions.evaluate(coupon, lines: pricing, now: now))
        }
        let best = coupons.filter { $0.1.discount != nil }.max { ($0.1.discount!, -$0.0.end.timeIntervalSince1970) < ($1.1.discount!, -$1.0.end.timeIntervalSince1970) }
        let quote = try await CheckoutQuote.make(services: services, userID: userID, lines: pricing,
                                                 choices: choices ?? CheckoutChoices(couponID: best?.0.id), now: now, display: true)
        let priced = quote.priced
        return SettlementDTO(
            freight: Money.format(cents: services.config.freightCents),
            pay_methods: PayMethod.allCases.filter { isOffered($0) && !(courses.count > 0 && $0 == .cashOnDelivery) }.map(\.rawValue),
            skus: try await summaries.map { .init(id: $0.id, name: $0.name, default_image_url: $0.default_image_url, price: $0.price, count: counts[$0.id] ?? 0) },
            courses: courses.map { line in
                SettlementDTO.CourseLine(course_id: line.course.id, course_name: line.course.name,
                                         course_img: CourseViews(services: services).imageURL(line.course.image), expire_id: line.expireID,
                                         expire_text: CourseRules.expireText(days: line.option.days), price: Money.format(cents: line.price))
            },
            ships: !lines.isEmpty,
            coupons: coupons.map { coupon, evaluation in
                SettlementDTO.Coupon(id: coupon.id, name: coupon.template.name, coupon_type: coupon.template.kind.rawValue, sale: coupon.template.sale,
                                     condition: coupon.template.thresholdYuan, end_time: coupon.end, usable: evaluation.discount != nil,
                                     discount: evaluation.discount.map { Money.format(cents: $0) }, reason: evaluation.refusal?.rawValue)
            },
            credit: .init(balance: quote.creditBalance, rate: services.config.creditRules.perYuan, max_usable: quote.maxCredits),
            balance: Money.format(cents: quote.walletBalance),
            priced: .init(goods_amount: Money.format(cents: priced.goodsAmount), freight: Money.format(cents: priced.freight),
                          discount: Money.format(cents: priced.discount), coupon: quote.coupon?.id, credit: quote.credits,
                          credit_amount: Money.format(cents: priced.creditAmount), balance_amount: Money.format(cents: priced.balanceAmount),
                          pay_amount: Money.format(cents: priced.payAmount)))
    }

    /// Cash on delivery always; Alipay and WeChat Pay once they are configured.
    func isOffered(_ method: PayMethod) -> Bool {
        switch method {
        case .cashOnDelivery: return true
        case .alipay: return services.config.alipay != nil
        case .wechat: return services.config.wechatPay != nil
        }
    }

    /// The user's order, or 404 (also for someone else's order).
    public func order(_ orderID: String, userID: Int) async throws -> OrderInfo {
        guard let order = try await OrderInfo.query(on: services.db()).filter(\.$id == orderID).filter(\.$userID == userID).first() else {
            throw OrdersError.orderNotFound
        }
        return order
    }

    /// The user's orders, or only those in `status` (the user center's tabs: 待支付, 待发货, …).
    func mine(_ userID: Int, status: OrderStatus?, on db: any Database) -> QueryBuilder<OrderInfo> {
        let query = OrderInfo.query(on: db).filter(\.$userID == userID)
        if let status { query.filter(\.$status == status.rawValue) }
        return query
    }

    public func count(userID: Int, status: OrderStatus? = nil) async throws -> Int {
        try await mine(userID, status: status, on: services.readDB()).count()
    }

    /// A page of the user's orders, newest first, with their lines fetched in one more query.
    public func page(userID: Int, status: OrderStatus? = nil, limit: Int, offset: Int) async throws -> [OrderDTO] {
        let orders = try await mine(userID, status: status, on: services.readDB())
            .sort(\.$createTime, .descending).sort(\.$id, .descending).range(offset..<(offset + limit)).all()
        return try await dtos(orders)
    }

    public func detail(_ orderID: String, userID: Int) async throws -> OrderDTO {
        try await dtos([try await order(orderID, userID: userID)])[0]
    }

    func dtos(_ orders: [OrderInfo]) async throws -> [OrderDTO] {
        guard !orders.isEmpty else { return [] }
        let rows = try await services.readSQL().raw("""
            SELECT order_id, sku_id, count, price, is_commented, real_price, discount_name FROM order_goods WHERE order_id IN (\(binds: orders.compactMap(\.id))) ORDER BY id
            """).all()
        // The SKUs as they are now, from Catalog (their name, picture and current price).
        let skuIDs = Array(Set(try rows.map { try $0.decode(column: "sku_id", as: Int.self) })).sorted()
        let skus = Dictionary(try await CatalogService(services: services).summaries(skuIDs).map { ($0.id, $0) }) { first, _ in first }
        var lines: [String: [OrderLineDTO]] = [:]
        for row in rows {
            let skuID = try row.decode(column: "sku_id", as: Int.self)
            guard let summary = skus[skuID] else { continue }
            let sku = OrderLineDTO.SKU(id: skuID, name: summary.name, default_image_url: summary.default_image_url, price: summary.price)
            lines[try row.decode(column: "order_id", as: String.self), default: []].append(
                OrderLineDTO(sku: sku, count: try row.decode(column: "count", as: Int.self),
                             price: Money.format(cents: try row.decode(column: "price", as: Int64.self)),
                             is_commented: try row.decode(column: "is_commented", as: Bool.self),
                             real_price: Money.format(cents: try row.decode(column: "real_price", as: Int64.self)),
                             discount_name: try row.decode(column: "discount_name", as: String.self)))
        }
        let courses = try await OrderCourseLines.read(orderIDs: orders.compactMap(\.id), on: services.readSQL())
        let shipments = try await self.shipments(orderIDs: orders.compactMap(\.id))
        let views = CourseViews(services: services)
        return orders.map { order in
            OrderDTO(order_id: order.id!, oid: order.id!, create_time: order.createTime ?? services.clock.now(), total_count: order.totalCount,
                     total_amount: Money.format(cents: order.totalAmount), freight: Money.format(cents: order.freight),
                     pay_method: order.payMethod, status: order.status, skus: lines[order.id!] ?? [],
                     courses: (courses[order.id!] ?? []).map { line in
                         OrderCourseDTO(course_id: line.courseID, course_name: line.name, course_img: views.imageURL(line.image),
                                        expire_time: line.days, expire_text: CourseRules.expireText(days: line.days),
                                        price: Money.format(cents: line.price), real_price: Money.format(cents: line.realPrice),
                                        discount_name: line.discountName)
                     },
                     discount: Money.format(cents: order.discount), coupon: order.couponID, credit: order.credit,
                     credit_amount: Money.format(cents: order.creditAmount), balance_amount: Money.format(cents: order.balanceAmount),
                     pay_amount: Money.format(cents: order.payAmount), shipment: shipments[order.id!])
        }
    }

    /// The shipments (carrier and tracking number) of these orders, by order.
    func shipments(orderIDs: [String]) async throws -> [String: OrderShipmentDTO] {
        guard !orderIDs.isEmpty else { return [:] }
        let rows = try await services.readSQL().raw("""
            SELECT order_id, carrier, tracking_no, shipped_at FROM order_shipments WHERE order_id IN (\(binds: orderIDs))
            """).all()
        var found: [String: OrderShipmentDTO] = [:]
        for row in rows {
            found[try row.decode(column: "order_id", as: String.self)] = OrderShipmentDTO(
                carrier: try row.decode(column: "carrier", as: String.self), tracking_no: try row.decode(column: "tracking_no", as: String.self),
                shipped_at: try row.decode(column: "shipped_at", as: Date.self))
        }
        return found
    }
}
