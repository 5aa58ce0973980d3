import Hummingbird

public struct UsernameCountDTO: ResponseCodable, Sendable, Equatable {
    public let username: String
    public let count: Int
}

public struct MobileCountDTO: ResponseCodable, Sendable, Equatable {
    public let mobile: String
    public let count: Int
}

/// `POST /users/`: the new user, logged in at once.
public struct RegisteredUserDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let username: String
    public let mobile: String
    public let token: String
}

/// A login answer (djangorestframework-jwt's shape); `id` too, for the QQ binding page.
public struct LoginDTO: ResponseCodable, Sendable, Equatable {
    public let token: String
    public let user_id: Int
    public let id: Int
    public let username: String
}

public struct UserDetailDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let username: String
    public let mobile: String
    public let email: String
    public let email_active: Bool

    init(_ user: User) throws {
        id = try user.requireID()
        username = user.username
        mobile = user.mobile
        email = user.email
        email_active = user.emailActive
    }
}

public struct EmailDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let email: String
}

/// `POST /users/<id>/password/` (reset): the user whose password was set.
public struct UserIDDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
}

public struct QQLoginURLDTO: ResponseCodable, Sendable, Equatable {
    public let login_url: String
    public let oauth_url: String
}

public struct AccessTokenDTO: ResponseCodable, Sendable, Equatable {
    public let access_token: String
}

public struct SKUIDDTO: ResponseCodable, Sendable, Equatable {
    public let sku_id: Int
}
