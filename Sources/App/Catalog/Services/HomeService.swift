import FluentKit
import SQLKit

/// The home page's channel menu (seed 004: categories[group_id] = {channels, sub_cats}) and its ads by slot key.
public struct HomeService: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public func home() async throws -> HomeDTO {
        try await services.catalogCaches.home.value(for: 0) {
            HomeDTO(categories: try await channelMenu(), contents: try await contents())
        }
    }

    public func channelMenu() async throws -> [String: ChannelGroupDTO] {
        let sql = services.readSQL()
        let channels = try await sql.raw("""
            SELECT ch.group_id, ch.url, c.id, c.name FROM goods_channels ch JOIN goods_categories c ON c.id = ch.category_id
            ORDER BY ch.group_id, ch.sequence, ch.id
            """).all()
        let categories = try await sql.raw("SELECT id, name, parent_id FROM goods_categories WHERE parent_id IS NOT NULL ORDER BY id").all()
        var children: [Int: [CategoryRefDTO]] = [:]
        for row in categories {
            children[try row.decode(column: "parent_id", as: Int.self), default: []].append(
                CategoryRefDTO(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self)))
        }
        var groups: [String: ChannelGroupDTO] = [:]
        for row in channels {
            let group = String(try row.decode(column: "group_id", as: Int.self))
            let id = try row.decode(column: "id", as: Int.self)
            var entry = groups[group] ?? ChannelGroupDTO(channels: [], sub_cats: [])
            entry.channels.append(.init(id: id, name: try row.decode(column: "name", as: String.self), url: try row.decode(column: "url", as: String.self)))
            for sub in children[id] ?? [] {
                entry.sub_cats.append(.init(id: sub.id, name: sub.name, sub_cats: children[sub.id] ?? []))
            }
            groups[group] = entry
        }
        return groups
    }

    /// Shown ads (`status` true) by slot key, each slot in `sequence` order.
    public func contents() async throws -> [String: [ContentDTO]] {
        let base = services.config.imageBaseURL
        let rows = try await services.readSQL().raw("""
            SELECT cc."key" AS slot, c.id, c.title, c.url, c.image, c.text, c.sequence
            FROM content_categories cc LEFT JOIN contents c ON c.category_id = cc.id AND c.status = \(bind: true)
            ORDER BY cc.id, c.sequence, c.id
            """).all()
        var result: [String: [ContentDTO]] = [:]
        for row in rows {
            let slot = try row.decode(column: "slot", as: String.self)
            if result[slot] == nil { result[slot] = [] }
            guard let id = try row.decode(column: "id", as: Int?.self) else { continue }
            result[slot]!.append(ContentDTO(
                id: id, title: try row.decode(column: "title", as: String.self), url: try row.decode(column: "url", as: String.self),
                image: try row.decode(column: "image", as: String?.self).map { ImageURL.full($0, base: base) },
                text: try row.decode(column: "text", as: String?.self), sequence: try row.decode(column: "sequence", as: Int.self)))
        }
        return result
    }
}
