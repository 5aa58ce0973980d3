import FluentKit
import Foundation

/// The binding between a QQ openid and a shop user (the original's OAuthQQUser).
public final class QQAccount: Model, @unchecked Sendable {
    public static let schema = "oauth_qq_users"

    @ID(custom: "id") public var id: Int?
    @Field(key: "user_id") public var userID: Int
    @Field(key: "openid") public var openid: String
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}

    public init(userID: Int, openid: String) {
        self.userID = userID
        self.openid = openid
    }
}
