import FluentKit

/// How an order left the warehouse (the back office's 发货): the carrier and tracking number the buyer is told, who
/// shipped it and when. One per order, written in the same transaction that moves it 待发货 → 待收货.
struct CreateOrderShipments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_shipments")
            .field("id", .int, .identifier(auto: true))
            .field("order_id", .string, .required, .references(OrderInfo.schema, "order_id", onDelete: .cascade))
            .field("carrier", .string, .required)
            .field("tracking_no", .string, .required)
            .field("staff_id", .int)
            .field("shipped_at", .datetime, .required)
            .unique(on: "order_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_shipments").delete()
    }
}
