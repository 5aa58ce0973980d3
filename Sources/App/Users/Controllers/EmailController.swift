import Hummingbird

/// `PUT /email/` saves the address and mails a link; `GET /emails/verification/?token=` activates it.
struct EmailController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.put("email", use: setEmail)
        routes.open.get("emails/verification", use: verify)
    }

    @Sendable func setEmail(_ request: Request, context: AppRequestContext) async throws -> EmailDTO {
        let auth = try context.requireUser()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let email = form.string("email", maxLength: 254)
        if let email, !Validators.isEmail(email) { form.errors.add("email", DRFMessage.invalidEmail) }
        try form.finish()
        let user = try await AccountService(services: services).user(id: auth.id)
        try await EmailVerificationService(services: services).setEmail(email!, for: user)
        return EmailDTO(id: auth.id, email: email!)
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        guard let token = request.uri.queryParameters.get("token"), !token.isEmpty else {
            throw APIError.message("缺少token")
        }
        try await EmailVerificationService(services: services).verify(token: token)
        return .ok
    }
}
