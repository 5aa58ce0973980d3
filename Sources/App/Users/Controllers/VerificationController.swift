import Foundation
import Hummingbird

/// Image captchas and SMS codes (seed 000 图形验证码/短信验证码, seed 004 找回密码 step 2).
struct VerificationController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("image_codes/:id", use: imageCode)
        routes.open.get("sms_codes/:mobile", use: smsCodeForRegistration)
        routes.open.get("sms_codes", use: smsCodeForPasswordReset)
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
        // The original's serializer declares image_code_id a UUIDField (the front end makes a uuid4).
        if let captchaID, UUID(uuidString: captchaID) == nil { form.errors.add("image_code_id", "必须是有效的 UUID。") }
        try form.finish()
        let verification = VerificationService(services: services)
        try await verification.checkCaptcha(id: captchaID!, text: text!)
        try await verification.sendSMSCode(to: mobile)
        return .ok
    }

    /// The original view answered by itself here (no serializer): `{"message": …}` for a missing or bad token,
    /// 429 when an SMS went to the mobile within the minute.
    @Sendable func smsCodeForPasswordReset(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        guard let token = request.uri.queryParameters.get("access_token").map({ String($0) }), !token.isEmpty else {
            throw UsersError.missingAccessToken
        }
        guard token.utf8.count <= 2048 else { throw UsersError.invalidAccessToken }
        let mobile = try await PasswordResetService(services: services).mobile(fromSMSToken: token)
        do {
            try await VerificationService(services: services).sendSMSCode(to: mobile)
        } catch UsersError.smsTooFrequent {
            throw UsersError.smsTooFrequentForReset
        }
        return .ok
    }
}
