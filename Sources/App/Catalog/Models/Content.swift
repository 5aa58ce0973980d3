import FluentKit
import Foundation

/// A slot of home-page advertising, found by `key` (e.g. index_lbt for the carousel).
public final class ContentCategory: Model, @unchecked Sendable {
    public static let schema = "content_categories"

    @ID(custom: "id") public var id: Int?
    @Field(key: "name") public var name: String
    @Field(key: "key") public var key: String
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}

/// One advertisement (seed 000 广告内容); only `status` true ones are shown, by `sequence`.
public final class Content: Model, @unchecked Sendable {
    public static let schema = "contents"

    @ID(custom: "id") public var id: Int?
    @Field(key: "category_id") public var categoryID: Int
    @Field(key: "title") public var title: String
    @Field(key: "url") public var url: String
    @OptionalField(key: "image") public var image: String?
    @OptionalField(key: "text") public var text: String?
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "status") public var status: Bool
    @Timestamp(key: "create_time", on: .create) public var createTime: Date?
    @Timestamp(key: "update_time", on: .update) public var updateTime: Date?

    public init() {}
}
