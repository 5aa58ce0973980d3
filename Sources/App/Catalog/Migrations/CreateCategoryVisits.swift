import FluentKit
import SQLKit

/// Product-page visits per category per shop day (the original's GoodsVisitCount, which its operations console
/// charted): one row per category and day, counted up in place.
struct CreateCategoryVisits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("category_visits")
            .field("id", .int, .identifier(auto: true))
            .field("category_id", .int, .required, .references("goods_categories", "id", onDelete: .cascade))
            .field("date", .string, .required)
            .field("count", .int, .required)
            .unique(on: "category_id", "date")
            .create()
        try await (database as! any SQLDatabase).create(index: "category_visits_date_idx").on("category_visits").column("date").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("category_visits").delete()
    }
}
