import FluentKit
import SQLKit

struct CreatePayments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Payment.schema)
            .field("id", .int, .identifier(auto: true))
            .field("order_id", .string, .required, .references(OrderInfo.schema, "order_id"))
            .field("trade_id", .string, .required)
            .field("provider", .string, .required)
            .field("amount", .int64, .required)
            .field("status", .string, .required)
            .timestamps()
            .unique(on: "trade_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "payments_order_idx").on(Payment.schema).column("order_id").run()
        try await sql.create(index: "payments_status_idx").on(Payment.schema).column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Payment.schema).delete()
    }
}
