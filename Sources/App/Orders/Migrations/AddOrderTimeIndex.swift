import FluentKit
import SQLKit

/// The back office counts orders and sales per day across all users and statuses: an index on the time alone.
struct AddOrderTimeIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "order_info_time_idx").on(OrderInfo.schema).column("create_time").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "order_info_time_idx").run()
    }
}
