import FluentKit
import SQLKit

/// Each line's share of the order's discount (seed 002 `OrderDetail`): `real_price` is what the line costs after it
/// (the lines' real prices sum to the order's goods after discount), `discount_name` the coupon's name or 原价购买.
struct AddOrderLineDiscounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrderGoods.schema).field("real_price", .int64, .required, .sql(.default(0))).update()
        try await database.schema(OrderGoods.schema).field("discount_name", .string, .required, .sql(.default("原价购买"))).update()
        try await (database as! any SQLDatabase).raw("UPDATE order_goods SET real_price = price * count").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrderGoods.schema).deleteField("real_price").update()
        try await database.schema(OrderGoods.schema).deleteField("discount_name").update()
    }
}
