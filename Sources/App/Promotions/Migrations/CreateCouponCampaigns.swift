import FluentKit

/// A claim campaign (seed 001 `Coupon`'s claiming half): a fixed `count` of one template handed out inside a
/// window, `apply_count` so far; `status` is moved by jobs at the window's edges (and computed when read).
struct CreateCouponCampaigns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("coupon_campaigns")
            .field("id", .int, .identifier(auto: true))
            .field("title", .string, .required)
            .field("coupon_id", .int, .required, .references("coupons", "id", onDelete: .cascade))
            .field("count", .int, .required)
            .field("apply_count", .int, .required)
            .field("apply_start_date", .datetime, .required)
            .field("apply_stop_date", .datetime, .required)
            .field("status", .int, .required)
            .timestamps()
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("coupon_campaigns").delete()
    }
}
