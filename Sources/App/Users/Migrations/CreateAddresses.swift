import FluentKit
import SQLKit

struct CreateAddresses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Address.schema)
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("receiver", .string, .required)
            .field("province_id", .int, .required, .references(Area.schema, "id"))
            .field("city_id", .int, .required, .references(Area.schema, "id"))
            .field("district_id", .int, .required, .references(Area.schema, "id"))
            .field("place", .string, .required)
            .field("mobile", .string, .required)
            .field("tel", .string, .required)
            .field("email", .string, .required)
            .field("is_deleted", .bool, .required)
            .timestamps()
            .create()
        try await (database as! any SQLDatabase).create(index: "addresses_user_id_idx")
            .on(Address.schema).column("user_id").column("is_deleted").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Address.schema).delete()
    }
}
