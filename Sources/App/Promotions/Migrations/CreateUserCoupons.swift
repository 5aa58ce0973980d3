import FluentKit
import SQLKit

/// A user's coupon (seed 001 `UserCoupon`): 1 未使用, 2 已使用 (with the order), 3 已过期, valid from `start_time` to
/// `end_time`. A campaign gives a user at most one (unique user + campaign; grants by staff have no campaign).
struct CreateUserCoupons: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("user_coupons")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("coupon_id", .int, .required, .references("coupons", "id", onDelete: .cascade))
            .field("campaign_id", .int, .references("coupon_campaigns", "id", onDelete: .setNull))
            .field("status", .int, .required)
            .field("start_time", .datetime, .required)
            .field("end_time", .datetime, .required)
            .field("order_id", .string)
            .timestamps()
            .unique(on: "user_id", "campaign_id")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX user_coupons_user_idx ON user_coupons (user_id, status)").run()
        try await (database as! any SQLDatabase).raw("CREATE INDEX user_coupons_order_idx ON user_coupons (order_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("user_coupons").delete()
    }
}
