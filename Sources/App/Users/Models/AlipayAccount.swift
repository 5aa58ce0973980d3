import FluentKit
import Foundation

/// The binding between an Alipay buyer id and a shop user, with the nickname Alipay gave when it was made.
public final class AlipayAccount: Model, @unchecked Sendable {
    public static let schema = "oauth_alipay_users"

    @ID(custom: "id") public var id: Int?
    @Field(key: "user_id") public var userID: Int
    @Field(key: "alipay_user_id") public var alipayUserID: String
    @OptionalField(key: "nick_name") public var nickName: String?
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}
