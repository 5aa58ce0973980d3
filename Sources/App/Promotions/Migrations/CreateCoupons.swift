import FluentKit

/// A coupon template (seed 002 `Coupon`): name, type (0 折扣, 1 减免), the `sale` formula (`*0.82`, `-10`), the spend
/// threshold in yuan, and a validity of `timer` days from when a user gets it or a fixed window; an optional scope
/// (`all`, `category` with its id, `courses`, `auction` with the session id).
struct CreateCoupons: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("coupons")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("coupon_type", .int, .required)
            .field("sale", .string, .required)
            .field("condition", .int, .required)
            .field("timer", .int)
            .field("start_date", .datetime)
            .field("end_date", .datetime)
            .field("scope", .string, .required)
            .field("scope_id", .int)
            .timestamps()
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("coupons").delete()
    }
}
