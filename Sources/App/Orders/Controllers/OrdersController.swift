import Hummingbird
import MeiduoRules

/// Orders of seed 000 and the Meiduo front end: settlement, placement, list, one order, and status moves.
struct OrdersController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.get("orders/settlement", use: settlement)
        routes.user.post("orders", use: place)
        routes.user.get("orders", use: list)
        routes.user.get("orders/all", use: list)
        routes.user.get("orders/:order_id", use: detail)
        routes.user.put("orders/:order_id/cancel", use: cancel)
        routes.user.put("orders/:order_id/receipt", use: confirmReceipt)
        routes.staff(.orders, .write).put("orders/:order_id/ship", use: ship)
    }

    var queries: OrderQueries { OrderQueries(services: services) }

    /// `?coupon=<my coupon id>&credit=<n>&use_balance=1` prices the shopper's choices; without them the best coupon is chosen.
    @Sendable func settlement(_ request: Request, context: AppRequestContext) async throws -> SettlementDTO {
        let user = try context.requireUser()
        var form = FormReader(RequestInput.query(of: request))
        let choices = Self.choices(&form)
        try form.finish()
        let given = request.uri.queryParameters.get("coupon") != nil || request.uri.queryParameters.get("credit") != nil
            || request.uri.queryParameters.get("use_balance") != nil
        return try await queries.settlement(userID: user.id, choices: given ? choices : nil)
    }

    /// `coupon`, `credit` and `use_balance` as settlement and placement read them.
    static func choices(_ form: inout FormReader) -> CheckoutChoices {
        CheckoutChoices(couponID: form.int("coupon", required: false, min: 1),
                        credits: form.int("credit", required: false, min: 0, max: 100_000_000) ?? 0,
                        useBalance: form.bool("use_balance", default: false) ?? false)
    }

    @Sendable func place(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<PlacedOrderDTO> {
        let user = try context.requireUser()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        // Needed for goods; an order of courses alone has none.
        let address = form.int("address", required: false, min: 1)
        let method = form.int("pay_method")
        let choices = Self.choices(&form)
        try form.finish()
        guard let payMethod = PayMethod(rawValue: method!) else { throw OrdersError.invalidPayMethod(method!) }
        let order = try await OrderPlacement(services: services).place(userID: user.id, addressID: address, payMethod: payMethod, choices: choices)
        return EditedResponse(status: .created, response: PlacedOrderDTO(order_id: order.id!, oid: order.id!))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<OrderDTO> {
        let user = try context.requireUser()
        let page = try PageRequest.parse(request, defaultSize: 5, maxSize: 20)
        var form = FormReader(RequestInput.query(of: request))
        let statusValue = form.int("status", required: false, min: 1, max: OrderStatus.allCases.count)
        try form.finish()
        let status = statusValue.flatMap(OrderStatus.init(rawValue:))
        let count = try await queries.count(userID: user.id, status: status)
        try page.validate(count: count)
        let orders = try await queries.page(userID: user.id, status: status, limit: page.size, offset: page.offset)
        return Page(count: count, results: orders, request: page, httpRequest: request)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> OrderDTO {
        try await queries.detail(try Self.orderID(context), userID: try context.requireUser().id)
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        try await OrderLifecycle(services: services).cancelByUser(orderID: try Self.orderID(context), userID: try context.requireUser().id)
        return .ok
    }

    @Sendable func confirmReceipt(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        try await OrderLifecycle(services: services).confirmReceipt(orderID: try Self.orderID(context), userID: try context.requireUser().id)
        return .ok
    }

    /// Staff only (the staff door).
    @Sendable func ship(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        try await OrderLifecycle(services: services).ship(orderID: try Self.orderID(context))
        return .ok
    }

    /// The order number a route names (digits); anything else is the 404 of an order that isn't there.
    static func orderID(_ context: AppRequestContext) throws -> String {
        let id = try context.parameters.require("order_id")
        guard id.count <= 64, id.allSatisfy(\.isNumber) else { throw OrdersError.orderNotFound }
        return id
    }
}

