import Hummingbird

/// Sign-in for the auction mini-program (seed 001): `POST /authorizations/sms/` and `POST /authorizations/wechat/`.
struct MiniProgramLoginController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.post("authorizations/sms", use: sms)
        routes.open.post("authorizations/wechat", use: wechat)
    }

    /// `{mobile, sms_code, bind_token?}` → the login body (201 when the account was just created).
    @Sendable func sms(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let mobile = form.string("mobile")
        let code = form.string("sms_code", maxLength: 6)
        let bindToken = form.string("bind_token", required: false, maxLength: 2048)
        if let mobile, !Validators.isMobile(mobile) { form.errors.add("mobile", "手机号格式错误") }
        try form.finish()
        let (user, created) = try await MiniProgramLogin(services: services).sms(mobile: mobile!, code: code!, bindToken: bindToken)
        let responder = LoginResponder(services: services)
        return try await responder.respond(try await responder.login(user), for: user, status: created ? .created : .ok, request: request, context: context)
    }

    /// `{code}` from `wx.login()` → the login body, or `{bind_token}` to finish with an SMS-code sign-in.
    @Sendable func wechat(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let code = form.string("code", maxLength: 128)
        try form.finish()
        switch try await MiniProgramLogin(services: services).wechat(code: code!) {
        case .loggedIn(let user):
            let responder = LoginResponder(services: services)
            return try await responder.respond(try await responder.login(user), for: user, request: request, context: context)
        case .needsBinding(let token):
            return try BindTokenDTO(bind_token: token).response(from: request, context: context)
        }
    }
}

/// An unbound WeChat user: sign in with a mobile and SMS code, passing this along, to bind them.
public struct BindTokenDTO: ResponseEncodable, Sendable, Equatable {
    public let bind_token: String
}
