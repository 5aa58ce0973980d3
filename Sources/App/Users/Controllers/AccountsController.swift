import Hummingbird

/// Sign-up checks, registration, login and the user center's profile endpoints (seed 000 注册/登陆/个人信息).
struct AccountsController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("usernames/:username/count", use: usernameCount)
        routes.open.get("mobiles/:mobile/count", use: mobileCount)
        routes.open.post("users", use: register)
        routes.open.post("authorizations", use: login)
        routes.user.get("user", use: currentUser)
        routes.user.put("users/:id/password", use: changePassword)
    }

    @Sendable func usernameCount(_ request: Request, context: AppRequestContext) async throws -> UsernameCountDTO {
        let username = try context.parameters.require("username")
        guard username.wholeMatch(of: /\w{5,20}/) != nil else { throw APIError.notFound }
        return UsernameCountDTO(username: username, count: try await AccountService(services: services).usernameCount(username))
    }

    @Sendable func mobileCount(_ request: Request, context: AppRequestContext) async throws -> MobileCountDTO {
        let mobile = try context.parameters.require("mobile")
        guard Validators.isMobile(mobile) else { throw APIError.notFound }
        return MobileCountDTO(mobile: mobile, count: try await AccountService(services: services).mobileCount(mobile))
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let username = form.string("username", maxLength: 20)
        let password = form.string("password", maxLength: 20)
        let password2 = form.string("password2", maxLength: 20)
        let mobile = form.string("mobile")
        let smsCode = form.string("sms_code", maxLength: 6)
        let allow = form.bool("allow")
        if let username, !Validators.isUsername(username) { form.errors.add("username", "用户名为5-20个字符且不能为纯数字") }
        if let password, password.count < 8 { form.errors.add("password", DRFMessage.minLength(8)) }
        if let mobile, !Validators.isMobile(mobile) { form.errors.add("mobile", "手机号格式错误") }
        if let allow, !allow { form.errors.add("allow", "请同意用户协议") }
        try form.finish()

        // Field validators first (the unique checks are field-level in DRF), then the serializer's validate().
        let accounts = AccountService(services: services)
        if try await accounts.usernameCount(username!) > 0 { throw UsersError.usernameTaken }
        if try await accounts.mobileCount(mobile!) > 0 { throw UsersError.mobileTaken }
        guard password == password2 else { throw UsersError.passwordsDiffer }
        try await VerificationService(services: services).checkSMSCode(mobile: mobile!, code: smsCode!)
        let user = try await accounts.createUser(.init(username: username!, password: password!, mobile: mobile!))
        let responder = LoginResponder(services: services)
        let body = RegisteredUserDTO(id: try user.requireID(), username: user.username, mobile: user.mobile, token: try await responder.token(for: user))
        return try await responder.respond(body, for: user, status: .created, request: request, context: context)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let account = form.string("username", maxLength: 150)
        let password = form.string("password", maxLength: 128)
        try form.finish()
        let user = try await AccountService(services: services).authenticate(account: account!, password: password!)
        let responder = LoginResponder(services: services)
        return try await responder.respond(try await responder.login(user), for: user, request: request, context: context)
    }

    @Sendable func currentUser(_ request: Request, context: AppRequestContext) async throws -> UserDetailDTO {
        let auth = try context.requireUser()
        return try UserDetailDTO(try await AccountService(services: services).user(id: auth.id))
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        let auth = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int.self) else { throw APIError.notFound }
        guard id == auth.id else { throw APIError.permissionDenied }
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let old = form.string("old_password", maxLength: 128)
        let password = form.string("password", minLength: 8, maxLength: 20)
        let password2 = form.string("password2", maxLength: 20)
        if let password, let password2, password != password2 { form.errors.add("password2", "两次密码不一致") }
        try form.finish()
        let accounts = AccountService(services: services)
        let user = try await accounts.user(id: id)
        guard try await services.passwords.verify(old!, hash: user.passwordHash) else { throw UsersError.wrongOldPassword }
        try await accounts.changePassword(user: user, to: password!)
        return .ok
    }
}
