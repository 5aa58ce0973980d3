import Hummingbird

/// Third-party login (seed 000 第三方登陆), the same three routes for each provider: `/oauth/qq/…` (the original's) and
/// `/oauth/alipay/…` — the authorisation URL, the callback's code exchange, and account binding.
struct ThirdPartyLoginController {
    let services: AppServices
    let provider: ThirdPartyProvider

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("oauth/\(provider.rawValue)/authorization", use: authorizationURL)
        routes.open.get("oauth/\(provider.rawValue)/user", use: callback)
        routes.open.post("oauth/\(provider.rawValue)/user", use: bind)
    }

    var login: ThirdPartyLogin { ThirdPartyLogin(services: services, provider: provider) }

    @Sendable func authorizationURL(_ request: Request, context: AppRequestContext) async throws -> QQLoginURLDTO {
        let next = request.uri.queryParameters.get("next").map { String($0) } ?? "/"
        let url = try login.loginURL(next: next)
        return QQLoginURLDTO(login_url: url, oauth_url: url)
    }

    @Sendable func callback(_ request: Request, context: AppRequestContext) async throws -> Response {
        // The original view checked `code` itself: `{"message": "缺少code"}`. Alipay names it `auth_code` on the way
        // back; the page may pass either.
        let query = request.uri.queryParameters
        guard let code = (query.get("code") ?? query.get("auth_code")).map({ String($0) }), !code.isEmpty else { throw UsersError.missingQQCode }
        guard code.utf8.count <= 512 else { throw provider.failed }
        switch try await login.login(code: code) {
        case .loggedIn(let user):
            let responder = LoginResponder(services: services)
            return try await responder.respond(try await responder.login(user), for: user, request: request, context: context)
        case .needsBinding(let token):
            return try AccessTokenDTO(access_token: token).response(from: request, context: context)
        }
    }

    @Sendable func bind(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let mobile = form.string("mobile")
        let password = form.string("password", minLength: 8, maxLength: 20)
        let smsCode = form.string("sms_code", maxLength: 6)
        let token = form.string("access_token", maxLength: 2048)
        if let mobile, !Validators.isMobile(mobile) { form.errors.add("mobile", "手机号格式错误") }
        try form.finish()
        let user = try await login.bind(.init(mobile: mobile!, password: password!, smsCode: smsCode!, accessToken: token!))
        let responder = LoginResponder(services: services)
        return try await responder.respond(try await responder.login(user), for: user, status: .created, request: request, context: context)
    }
}
