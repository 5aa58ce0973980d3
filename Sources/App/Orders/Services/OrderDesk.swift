import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// The back office's side of orders (订单客服): every order found by status, buyer or number and time; an order with
/// its buyer, address, payments, shipment and notes; notes added. Moves (ship, cancel) stay `OrderLifecycle`'s.
struct OrderDesk {
    let services: AppServices

    struct Filter: Sendable, Equatable {
        var status: OrderStatus?
        /// An order number (or its start), or the buyer's username or mobile.
        var query: String?
        var since: Date?
        var until: Date?
        var ordering: ListOrdering = OrderDesk.sortable.fallback
    }

    /// `?ordering=` of the order list: newest first unless asked.
    static let sortable = SortableColumns(
        columns: [("create_time", "o.create_time"), ("total_amount", "o.total_amount"), ("pay_amount", "o.pay_amount"),
                  ("total_count", "o.total_count"), ("status", "o.status")],
        fallback: ListOrdering([.init("create_time", descending: true)]), tiebreak: "o.order_id")

    func search(_ filter: Filter, offset: Int, limit: Int) async throws -> (count: Int, rows: [AdminOrderRowDTO]) {
        var conditions: [SQLQueryString] = []
        if let status = filter.status { conditions.append("o.status = \(bind: status.rawValue)") }
        if let query = filter.query {
            conditions.append("(o.order_id LIKE \(bind: query + "%") OR u.username = \(bind: query) OR u.mobile = \(bind: query))")
        }
        if let since = filter.since { conditions.append("o.create_time >= \(bind: since)") }
        if let until = filter.until { conditions.append("o.create_time < \(bind: until)") }
        var clause: SQLQueryString = ""
        if !conditions.isEmpty { clause = " WHERE " + conditions.joined(separator: " AND ") }
        let from: SQLQueryString = " FROM order_info o JOIN users u ON u.id = o.user_id LEFT JOIN order_shipments s ON s.order_id = o.order_id"
        let sql = services.readSQL()
        let count = try await sql.raw("SELECT COUNT(*) AS n" + from + clause).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("""
            SELECT o.order_id, o.create_time, o.user_id, u.username, u.mobile, o.total_count, o.total_amount, o.pay_amount,
                   o.pay_method, o.status, s.tracking_no
            """ + from + clause + Self.sortable.orderBy(filter.ordering) + " LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
        return (count, try rows.map { row in
            AdminOrderRowDTO(order_id: try row.decode(column: "order_id", as: String.self), create_time: try row.decode(column: "create_time", as: Date.self),
                             user_id: try row.decode(column: "user_id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                             mobile: try row.decode(column: "mobile", as: String.self), total_count: try row.decode(column: "total_count", as: Int.self),
                             total_amount: Money.format(cents: try row.decode(column: "total_amount", as: Int64.self)),
                             pay_amount: Money.format(cents: try row.decode(column: "pay_amount", as: Int64.self)),
                             pay_method: try row.decode(column: "pay_method", as: Int.self), status: try row.decode(column: "status", as: Int.self),
                             tracking_no: try row.decode(column: "tracking_no", as: String?.self))
        })
    }

    func detail(_ orderID: String) async throws -> AdminOrderDTO {
        guard let order = try await OrderInfo.find(orderID, on: services.readDB()) else { throw OrdersError.orderNotFound }
        let queries = OrderQueries(services: services)
        let dto = try await queries.dtos([order])[0]
        let user = try await AccountService(services: services).user(id: order.userID)
        let address = try await order.addressID.asyncMap {
            try await AddressService(services: services).orderAddress(userID: order.userID, addressID: $0)
        } ?? nil
        let payments = try await PaymentRecords(services: services).of(orderID: orderID).map {
            AdminPaymentDTO(provider: $0.provider, trade_id: $0.tradeID, amount: Money.format(cents: $0.amount), status: $0.status)
        }
        return AdminOrderDTO(order: dto, user: AdminOrderUserDTO(id: try user.requireID(), username: user.username, mobile: user.mobile),
                             address: address, shipment: dto.shipment, payments: payments, notes: try await notes(orderID), carriers: Shipment.carriers)
    }

    func notes(_ orderID: String) async throws -> [AdminOrderNoteDTO] {
        try await services.readSQL().raw("""
            SELECT id, staff_username, text, create_time FROM order_notes WHERE order_id = \(bind: orderID) ORDER BY id
            """).all().map {
            AdminOrderNoteDTO(id: try $0.decode(column: "id", as: Int.self), staff_username: try $0.decode(column: "staff_username", as: String.self),
                              text: try $0.decode(column: "text", as: String.self), create_time: try $0.decode(column: "create_time", as: Date.self))
        }
    }

    func addNote(orderID: String, staff: AuthUser, text: String) async throws -> AdminOrderNoteDTO {
        guard try await OrderInfo.find(orderID, on: services.db()) != nil else { throw OrdersError.orderNotFound }
        let now = services.clock.now()
        let row = try await services.sql().raw("""
            INSERT INTO order_notes (order_id, staff_id, staff_username, text, create_time)
            VALUES (\(bind: orderID), \(bind: staff.id), \(bind: staff.username), \(bind: text), \(bind: now)) RETURNING id
            """).first()
        return AdminOrderNoteDTO(id: try row?.decode(column: "id", as: Int.self) ?? 0, staff_username: staff.username, text: text, create_time: now)
    }
}
