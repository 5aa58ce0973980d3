import FluentKit

/// Names for the menu's channel groups (`goods_channels.group_id`, 1 … 100): the seed numbers them only, staff
/// arranging the menu want to see 手机数码 rather than 2. The id is the group's number; a group with no row here
/// is shown as 第 N 组.
struct CreateGoodsChannelGroups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("goods_channel_groups")
            .field("id", .int, .identifier(auto: false))
            .field("name", .string, .required)
            .timestamps()
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("goods_channel_groups").delete()
    }
}
