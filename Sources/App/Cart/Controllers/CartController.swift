import Hummingbird
import MeiduoRules

/// `/cart/` (seed 000 购物车): a missing or invalid token means an anonymous shopper whose cart is the cookie.
struct CartController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.post("cart", use: add)
        routes.open.get("cart", use: list)
        routes.open.put("cart", use: update)
        routes.open.delete("cart", use: delete)
        routes.open.put("cart/selection", use: selectAll)
    }

    struct LineDTO: ResponseEncodable, Sendable {
        let sku_id: Int
        let count: Int
        let selected: Bool
    }

    var cookie: CartCookie { CartCookie(secret: services.config.secretKey) }
    var cart: CartService { CartService(services: services) }

    func owner(_ request: Request, _ context: AppRequestContext) -> CartOwner {
        if let user = context.optionalUser { return .user(user.id) }
        return .anonymous(cookie.lines(in: request))
    }

    /// The answer, plus the rewritten cookie for an anonymous cart.
    func respond(_ body: some ResponseEncodable, status: HTTPResponse.Status = .ok, cookieLines: [CartLineValue]?,
                 _ request: Request, _ context: AppRequestContext) throws -> Response {
        var response = try body.response(from: request, context: context)
        response.status = status
        if let cookieLines { response.setCookie(cookie.cookie(for: cookieLines)) }
        return response
    }

    /// `{sku_id, count, selected}` as POST and PUT take it (selected defaults to true); also their answer.
    /// A count above the stock is refused with the stock's message before the line cap is checked (in the service).
    func readLine(_ request: Request, _ context: AppRequestContext) async throws -> LineDTO {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let skuID = form.int("sku_id", min: 1)
        let count = form.int("count", min: 1, max: Int(Int32.max))
        let selected = form.bool("selected", default: true)
        try form.finish()
        return LineDTO(sku_id: skuID!, count: count!, selected: selected!)
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let line = try await readLine(request, context)
        let lines = try await cart.add(owner(request, context), skuID: line.sku_id, count: line.count, selected: line.selected)
        return try respond(line, status: .created, cookieLines: lines, request, context)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse(try await cart.items(owner(request, context))).response(from: request, context: context)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let line = try await readLine(request, context)
        let lines = try await cart.update(owner(request, context), skuID: line.sku_id, count: line.count, selected: line.selected)
        // 201 like the original CartView.put (seed 004).
        return try respond(line, status: .created, cookieLines: lines, request, context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let skuID = form.int("sku_id", min: 1)
        try form.finish()
        let lines = try await cart.delete(owner(request, context), skuID: skuID!)
        var response = Response(status: .noContent)
        if let lines { response.setCookie(cookie.cookie(for: lines)) }
        return response
    }

    @Sendable func selectAll(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let selected = form.bool("selected")
        try form.finish()
        let lines = try await cart.selectAll(owner(request, context), selected: selected!)
        return try respond(MessageDTO(message: "ok"), cookieLines: lines, request, context)
    }
}
