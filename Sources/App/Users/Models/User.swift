import FluentKit
import Foundation

/// A shop account (Django's AbstractUser plus the mobile and email_active fields of seed 000).
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(custom: "id") public var id: Int?
    @Field(key: "username") public var username: String
    @Field(key: "password") public var passwordHash: String
    @Field(key: "mobile") public var mobile: String
    @Field(key: "email") public var email: String
    @Field(key: "email_active") public var emailActive: Bool
    @Field(key: "is_active") public var isActive: Bool
    @Field(key: "is_staff") public var isStaff: Bool
    @OptionalField(key: "default_address_id") public var defaultAddressID: Int?
    @OptionalField(key: "last_login") public var lastLogin: Date?
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}

    public init(username: String, passwordHash: String, mobile: String, isStaff: Bool = false) {
        self.username = username
        self.passwordHash = passwordHash
        self.mobile = mobile
        self.email = ""
        self.emailActive = false
        self.isActive = true
        self.isStaff = isStaff
    }

    public func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}
