import Foundation
import MeiduoRules
import SQLKit

/// An order's course lines (`order_courses`, owned here): the course and validity option bought, kept as sold.
public struct OrderCourseLine: Sendable, Equatable {
    public let orderID: String
    public let courseID: Int
    public let expireID: Int
    /// Days of access bought; 0 is permanent.
    public let days: Int
    public let name: String
    public let image: String
    public let price: Int64
    public let realPrice: Int64
    public let discountName: String

    /// What a grant of this line adds: nil for permanent.
    public var grantDays: Int? { days > 0 ? days : nil }
}

enum OrderCourseLines {
    /// The insert of an order's course lines; `priced` are the lines' shares of the order's discount, in the same order.
    static func insert(orderID: String, lines: [CourseCart.Line], priced: [CheckoutPricing.PricedLine], discountName: String?, now: Date) -> SQLQueryString {
        var query: SQLQueryString = """
            INSERT INTO order_courses (order_id, course_id, expire_id, expire_days, course_name, course_img, price, real_price, discount_name,
                                       create_time, update_time) VALUES
            """
        for (index, (line, share)) in zip(lines, priced).enumerated() {
            query.appendInterpolation(unsafeRaw: index == 0 ? " " : ", ")
            let values: SQLQueryString = """
                (\(bind: orderID), \(bind: line.course.id), \(bind: line.expireID), \(bind: line.option.days), \(bind: line.course.name),
                 \(bind: line.course.image), \(bind: line.price), \(bind: share.realAmount),
                 \(bind: share.discount > 0 ? discountName ?? "原价购买" : "原价购买"), \(bind: now), \(bind: now))
                """
            query.appendInterpolation(values)
        }
        return query
    }

    /// The course lines of some orders, by order, in the order they were bought.
    static func read(orderIDs: [String], on sql: any SQLDatabase) async throws -> [String: [OrderCourseLine]] {
        guard !orderIDs.isEmpty else { return [:] }
        let lines = try await sql.raw("""
            SELECT order_id, course_id, expire_id, expire_days, course_name, course_img, price, real_price, discount_name
            FROM order_courses WHERE order_id IN (\(binds: orderIDs)) ORDER BY id
            """).all().map { row in
                OrderCourseLine(orderID: try row.decode(column: "order_id", as: String.self), courseID: try row.decode(column: "course_id", as: Int.self),
                                expireID: try row.decode(column: "expire_id", as: Int.self), days: try row.decode(column: "expire_days", as: Int.self),
                                name: try row.decode(column: "course_name", as: String.self), image: try row.decode(column: "course_img", as: String.self),
                                price: try row.decode(column: "price", as: Int64.self), realPrice: try row.decode(column: "real_price", as: Int64.self),
                                discountName: try row.decode(column: "discount_name", as: String.self))
            }
        return Dictionary(grouping: lines, by: \.orderID)
    }

    /// Whether an order has goods to ship (its payment and refund move it differently from a courses-only order).
    static func ships(orderID: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT COUNT(*) AS n FROM order_goods WHERE order_id = \(bind: orderID)").first()?
            .decode(column: "n", as: Int.self) ?? 0 > 0
    }
}
