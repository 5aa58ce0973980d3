import FluentKit
import Foundation
import SQLKit

/// The menu's channel groups by number, with the names staff gave them (`goods_channel_groups`) and how many
/// channels each holds. Naming a group changes nothing a shopper sees: the menu is laid out by number, as the seed's.
struct ChannelGroups: Sendable {
    let services: AppServices

    static let numbers = 1...100

    /// Every group that has a name or a channel, by number.
    func list() async throws -> [AdminChannelGroupDTO] {
        try await services.readSQL().raw("""
            SELECT n.id, COALESCE(g.name, '') AS name, (SELECT COUNT(*) FROM goods_channels ch WHERE ch.group_id = n.id) AS channels
            FROM (SELECT id FROM goods_channel_groups UNION SELECT group_id AS id FROM goods_channels) n
            LEFT JOIN goods_channel_groups g ON g.id = n.id ORDER BY n.id
            """).all().map { row in
                AdminChannelGroupDTO(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                                     channels: try row.decode(column: "channels", as: Int.self))
            }
    }

    func group(_ id: Int) async throws -> AdminChannelGroupDTO? {
        try await list().first { $0.id == id }
    }

    /// Names group `id` (or renames it); names are unique.
    func name(_ id: Int, _ name: String) async throws {
        let sql = services.sql()
        if let clash = try await sql.raw("SELECT id FROM goods_channel_groups WHERE name = \(bind: name)").first()?.decode(column: "id", as: Int.self),
           clash != id {
            throw APIError.field("name", "第 \(clash) 组已叫“\(name)”。")
        }
        let now = services.clock.now()
        do {
            try await sql.raw("""
                INSERT INTO goods_channel_groups (id, name, create_time, update_time) VALUES (\(bind: id), \(bind: name), \(bind: now), \(bind: now))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, update_time = excluded.update_time
                """).run()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw APIError.field("name", "已有组叫“\(name)”。")  // named the same meanwhile
        }
    }

    /// Drops an empty group's name; a group with channels keeps it (move them first).
    func delete(_ id: Int) async throws {
        let sql = services.sql()
        if let used = try await sql.raw("SELECT COUNT(*) AS n FROM goods_channels WHERE group_id = \(bind: id)").first()?.decode(column: "n", as: Int.self),
           used > 0 {
            throw APIError.nonField("该组还有 \(used) 个频道，请先把它们移到别的组。")
        }
        guard try await sql.raw("DELETE FROM goods_channel_groups WHERE id = \(bind: id) RETURNING id").first() != nil else { throw APIError.notFound }
    }
}
