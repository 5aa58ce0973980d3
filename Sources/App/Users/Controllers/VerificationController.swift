import Hummingbird

/// Image captchas and SMS codes (seed 000 图形验证码/短信验证码, seed 004 找回密码 step 2).
struct VerificationController {
    let services: AppServices

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("image_codes/:id", use: imageCode)
        router.get("sms_codes/:mobile", use: smsCodeForRegistration)
        router.get("sms_codes", use: smsCodeForPasswordReset)
    }

    @Sendable func imageCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard Validators.isCaptchaID(id) else { throw APIError.notFound }
        let png = try await VerificationService(services: services).newCaptcha(id: id)
        return Response(
            status: .ok,
            headers: [.contentType: "image/png", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }

    @Sendable func smsCodeForRegistration(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        let mobile = try context.parameters.require("mobile")
        guard Validators.isMobile(mobile) else { throw APIError.notFound }
        var form = FormReader(RequestInput.query(of: request))
        let captchaID = form.string("image_code_id", maxLength: 64)
        let text = form.string("text", maxLength: 10)
        try form.finish()
        let verification = VerificationService(services: services)
        try await verification.checkCaptcha(id: captchaID!, text: text!)
        try await verification.sendSMSCode(to: mobile)
        return .ok
    }

    @Sendable func smsCodeForPasswordReset(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        var form = FormReader(RequestInput.query(of: request))
        let token = form.string("access_token", maxLength: 2048)
        try form.finish()
        let mobile = try await PasswordResetService(services: services).mobile(fromSMSToken: token!)
        try await VerificationService(services: services).sendSMSCode(to: mobile)
        return .ok
    }
}
