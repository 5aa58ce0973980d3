import FluentKit
import SQLKit

/// Staff notes on an order (客服备注): what was said to the buyer, what to watch for. Only ever added.
struct CreateOrderNotes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_notes")
            .field("id", .int, .identifier(auto: true))
            .field("order_id", .string, .required, .references(OrderInfo.schema, "order_id", onDelete: .cascade))
            .field("staff_id", .int, .required)
            .field("staff_username", .string, .required)
            .field("text", .string, .required)
            .field("create_time", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "order_notes_order_idx").on("order_notes").column("order_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_notes").delete()
    }
}
