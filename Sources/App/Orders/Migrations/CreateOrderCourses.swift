import FluentKit
import SQLKit

/// The course lines of an order (seed 002 `OrderDetail`): which course and validity option was bought, for how many
/// days (0: permanent), at what price, and its share of the order's discount (`real_price`, `discount_name`). Name and
/// price are kept as sold, so the order reads the same after the course changes.
struct CreateOrderCourses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_courses")
            .field("id", .int, .identifier(auto: true))
            .field("order_id", .string, .required, .references(OrderInfo.schema, "order_id", onDelete: .cascade))
            .field("course_id", .int, .required)
            .field("expire_id", .int, .required)
            .field("expire_days", .int, .required)
            .field("course_name", .string, .required)
            .field("course_img", .string, .required)
            .field("price", .int64, .required)
            .field("real_price", .int64, .required)
            .field("discount_name", .string, .required)
            .timestamps()
            .create()
        try await (database as! any SQLDatabase).create(index: "order_courses_order_idx").on("order_courses").column("order_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_courses").delete()
    }
}
