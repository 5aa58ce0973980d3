import Hummingbird

/// Reviews: what is left to review in an order, posting a review, and a SKU's reviews.
struct CommentsController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.get("orders/:order_id/uncommentgoods", use: uncommented)
        routes.user.post("orders/:order_id/comments", use: comment)
        routes.open.get("skus/:id/comments", use: skuComments)
    }

    @Sendable func uncommented(_ request: Request, context: AppRequestContext) async throws -> Response {
        let lines = try await CommentService(services: services).uncommented(
            orderID: try OrdersController.orderID(context), userID: try context.requireUser().id)
        return try JSONResponse(lines).response(from: request, context: context)
    }

    @Sendable func comment(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CommentDTO> {
        let user = try context.requireUser()
        let orderID = try OrdersController.orderID(context)
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let sku = form.int("sku", min: 1)
        let text = form.string("comment", minLength: 5, maxLength: 200)
        let score = form.int("score", min: 0, max: 5)
        let anonymous = form.bool("is_anonymous", default: false)
        try form.finish()
        let dto = try await CommentService(services: services).comment(
            orderID: orderID, userID: user.id, review: .init(skuID: sku!, comment: text!, score: score!, isAnonymous: anonymous!))
        return EditedResponse(status: .created, response: dto)
    }

    @Sendable func skuComments(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int.self) else { throw APIError.notFound }
        return try JSONResponse(try await CommentService(services: services).comments(skuID: id)).response(from: request, context: context)
    }
}
