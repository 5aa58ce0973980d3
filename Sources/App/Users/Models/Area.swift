import FluentKit

/// A province, city or district; `parent_id` is null for provinces.
public final class Area: Model, @unchecked Sendable {
    public static let schema = "areas"

    @ID(custom: "id", generatedBy: .user) public var id: Int?
    @Field(key: "name") public var name: String
    @OptionalField(key: "parent_id") public var parentID: Int?

    public init() {}

    public init(id: Int, name: String, parentID: Int?) {
        self.id = id
        self.name = name
        self.parentID = parentID
    }
}
