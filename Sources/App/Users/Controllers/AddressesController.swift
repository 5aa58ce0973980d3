import Hummingbird

/// The user center's shipping addresses (seed 000 用户地址), always scoped to the logged-in user.
struct AddressesController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.get("addresses", use: list)
        routes.user.post("addresses", use: create)
        routes.user.put("addresses/:id", use: update)
        routes.user.delete("addresses/:id", use: delete)
        routes.user.put("addresses/:id/status", use: setDefault)
        routes.user.put("addresses/:id/title", use: setTitle)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> AddressListDTO {
        try await AddressService(services: services).list(userID: try context.requireUser().id)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AddressDTO> {
        let user = try context.requireUser()
        let input = try AddressInput.read(try await RequestInput.body(of: request, context: context))
        return EditedResponse(status: .created, response: try await AddressService(services: services).create(userID: user.id, input: input))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> AddressDTO {
        let user = try context.requireUser()
        let id = try addressID(context)
        let input = try AddressInput.read(try await RequestInput.body(of: request, context: context))
        return try await AddressService(services: services).update(userID: user.id, addressID: id, input: input)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        try await AddressService(services: services).delete(userID: user.id, addressID: try addressID(context))
        return Response(status: .noContent)
    }

    @Sendable func setDefault(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        let user = try context.requireUser()
        try await AddressService(services: services).setDefault(userID: user.id, addressID: try addressID(context))
        return .ok
    }

    @Sendable func setTitle(_ request: Request, context: AppRequestContext) async throws -> AddressTitleDTO {
        let user = try context.requireUser()
        let id = try addressID(context)
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let title = form.string("title", maxLength: 20)
        try form.finish()
        return try await AddressService(services: services).setTitle(userID: user.id, addressID: id, title: title!)
    }

    private func addressID(_ context: AppRequestContext) throws -> Int {
        guard let id = context.parameters.get("id", as: Int.self) else { throw UsersError.addressNotFound }
        return id
    }
}

extension AddressDTO: ResponseEncodable {}
extension AddressListDTO: ResponseEncodable {}
extension AddressTitleDTO: ResponseEncodable {}
