import FluentKit
import SQLKit

struct CreateOrderInfo: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrderInfo.schema)
            .field("order_id", .string, .identifier(auto: false))
            .field("user_id", .int, .required, .references(User.schema, "id"))
            .field("address_id", .int, .required, .references(Address.schema, "id"))
            .field("total_count", .int, .required)
            .field("total_amount", .int64, .required)
            .field("freight", .int64, .required)
            .field("pay_method", .int, .required)
            .field("status", .int, .required)
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "order_info_user_idx").on(OrderInfo.schema).column("user_id").column("create_time").run()
        try await sql.create(index: "order_info_status_idx").on(OrderInfo.schema).column("status").column("create_time").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrderInfo.schema).delete()
    }
}
