import Foundation
import Hummingbird
import MeiduoRules

/// Orders in the back office (`orders.read` / `orders.write`): `GET /admin/api/orders/?status=&q=&since=&until=&ordering=`,
/// `GET /admin/api/orders/<id>/`, `PUT …/ship/ {carrier, tracking_no}`, `PUT …/cancel/` (an unpaid order, stock
/// given back), `POST …/notes/ {text}`. Refunds are `PUT /orders/<id>/refund/` (Payments).
struct AdminOrdersController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        let read = routes.staff(.orders, .read), write = routes.staff(.orders, .write)
        read.get("admin/api/orders", use: list)
        read.get("admin/api/orders/:order_id", use: detail)
        write.put("admin/api/orders/:order_id/ship", use: ship)
        write.put("admin/api/orders/:order_id/cancel", use: cancel)
        write.post("admin/api/orders/:order_id/notes", use: addNote)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<AdminOrderRowDTO> {
        let page = try PageRequest.parse(request, defaultSize: 20, maxSize: 100)
        var form = FormReader(RequestInput.query(of: request))
        let status = form.int("status", required: false, min: 1, max: OrderStatus.allCases.count)
        let query = form.string("q", required: false, maxLength: 64)
        let filter = OrderDesk.Filter(status: status.flatMap(OrderStatus.init(rawValue:)), query: query, since: form.date("since"), until: form.date("until"),
                                      ordering: OrderDesk.sortable.read(&form))
        try form.finish()
        let (count, rows) = try await OrderDesk(services: services).search(filter, offset: page.offset, limit: page.size)
        try page.validate(count: count)
        return Page(count: count, results: rows, request: page, httpRequest: request)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> AdminOrderDTO {
        try await OrderDesk(services: services).detail(try OrdersController.orderID(context))
    }

    /// `{carrier, tracking_no}`: 待发货 → 待收货 with the tracking number the buyer is told.
    @Sendable func ship(_ request: Request, context: AppRequestContext) async throws -> AdminOrderDTO {
        let staff = try context.requirePermission(.orders, .write)
        let orderID = try OrdersController.orderID(context)
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let carrier = form.string("carrier", maxLength: 20)
        let number = form.string("tracking_no", maxLength: 40)
        try form.finish()
        let checked: (carrier: String, trackingNumber: String)
        switch Shipment.check(carrier: carrier!, trackingNumber: number!) {
        case .success(let value): checked = value
        case .failure(.unknownCarrier): throw APIError.field("carrier", Shipment.Refusal.unknownCarrier.rawValue)
        case .failure(let refusal): throw APIError.field("tracking_no", refusal.rawValue)
        }
        let desk = OrderDesk(services: services)
        let before = try await desk.detail(orderID)
        try await OrderLifecycle(services: services).ship(orderID: orderID, shipment: .init(carrier: checked.carrier, trackingNumber: checked.trackingNumber, staffID: staff.id))
        let after = try await desk.detail(orderID)
        context.audit?.record(target: "orders", id: orderID, before: StatusSnapshot(before), after: StatusSnapshot(after),
                              summary: "发货：\(checked.carrier) \(checked.trackingNumber)")
        return after
    }

    /// Staff cancel an unpaid order (the buyer asked by phone, or it is a fraud): its stock and coupon come back.
    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> AdminOrderDTO {
        let orderID = try OrdersController.orderID(context)
        let desk = OrderDesk(services: services)
        let before = try await desk.detail(orderID)
        guard try await OrderLifecycle(services: services).cancel(orderID: orderID) else {
            throw OrdersError.illegalTransition("只有待支付的订单可以取消；已付款的订单请退款")
        }
        let after = try await desk.detail(orderID)
        context.audit?.record(target: "orders", id: orderID, before: StatusSnapshot(before), after: StatusSnapshot(after), summary: "取消订单")
        return after
    }

    @Sendable func addNote(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminOrderNoteDTO> {
        let staff = try context.requirePermission(.orders, .write)
        let orderID = try OrdersController.orderID(context)
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let text = form.string("text", maxLength: 500)
        try form.finish()
        let note = try await OrderDesk(services: services).addNote(orderID: orderID, staff: staff, text: text!)
        context.audit?.record(target: "orders", id: orderID, after: note, summary: "备注：\(text!.prefix(40))")
        return EditedResponse(status: .created, response: note)
    }

    /// What the audit row keeps of an order before and after a move: its status and shipment.
    struct StatusSnapshot: Encodable {
        let status: Int
        let shipment: OrderShipmentDTO?

        init(_ order: AdminOrderDTO) {
            status = order.order.status
            shipment = order.shipment
        }
    }
}
