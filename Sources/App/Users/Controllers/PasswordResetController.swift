import Hummingbird

/// The forgotten-password flow of seed 004 (steps 1, 3 and 4; step 2 is `GET /sms_codes/?access_token=`).
struct PasswordResetController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("accounts/:account/sms/token", use: smsToken)
        routes.open.get("accounts/:account/password/token", use: resetToken)
        routes.open.post("users/:id/password", use: resetPassword)
    }

    @Sendable func smsToken(_ request: Request, context: AppRequestContext) async throws -> PasswordResetService.SMSToken {
        let account = try context.parameters.require("account")
        var form = FormReader(RequestInput.query(of: request))
        let captchaID = form.string("image_code_id", maxLength: 64)
        let text = form.string("text", maxLength: 10)
        try form.finish()
        try await VerificationService(services: services).checkCaptcha(id: captchaID!, text: text!)
        return try await PasswordResetService(services: services).smsToken(account: account)
    }

    @Sendable func resetToken(_ request: Request, context: AppRequestContext) async throws -> PasswordResetService.ResetToken {
        let account = try context.parameters.require("account")
        var form = FormReader(RequestInput.query(of: request))
        let code = form.string("sms_code", maxLength: 6)
        try form.finish()
        return try await PasswordResetService(services: services).resetToken(account: account, smsCode: code!)
    }

    /// Answers `{"id": <user id>}` as the original's ResetPasswordSerializer did; its `validate()` refusals
    /// (passwords that differ, a bad token or another user's) are `non_field_errors`.
    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> UserIDDTO {
        guard let id = context.parameters.get("id", as: Int.self) else { throw APIError.notFound }
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let password = form.string("password", minLength: 8, maxLength: 20)
        let password2 = form.string("password2", maxLength: 20)
        let token = form.string("access_token", maxLength: 2048)
        try form.finish()
        guard password == password2 else { throw UsersError.passwordsDiffer }
        try await PasswordResetService(services: services).reset(userID: id, token: token!, password: password!)
        return UserIDDTO(id: id)
    }
}

extension PasswordResetService.SMSToken: ResponseEncodable {}
extension PasswordResetService.ResetToken: ResponseEncodable {}
