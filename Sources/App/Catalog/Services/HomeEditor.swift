import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Staff keep the home page: its ads (seed 000 广告内容, by slot) and its menu's channels. Ads change the home page
/// only; channels change the menu every page carries (`CatalogEvents.menuChanged`, once per window).
struct HomeEditor: Sendable {
    let services: AppServices

    struct AdFields: Sendable {
        var categoryID: Int
        var title: String
        var url: String
        var text: String
        var sequence: Int
        var status: Bool
    }

    struct ChannelFields: Sendable {
        var groupID: Int
        var categoryID: Int
        var url: String
        var sequence: Int
    }

    func slots() async throws -> [AdminContentCategoryDTO] {
        try await services.readSQL().raw("""
            SELECT c.id, c.name, c.key, (SELECT COUNT(*) FROM contents t WHERE t.category_id = c.id) AS contents FROM content_categories c ORDER BY c.id
            """).all().map { row in
                AdminContentCategoryDTO(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                                        key: try row.decode(column: "key", as: String.self), contents: try row.decode(column: "contents", as: Int.self))
            }
    }

    func ads(categoryID: Int?) async throws -> [AdminContentDTO] {
        let clause: SQLQueryString = categoryID.map { " WHERE category_id = \(bind: $0)" } ?? ""
        return try await services.readSQL().raw("SELECT * FROM contents" + clause + " ORDER BY category_id, sequence, id").all().map(ad)
    }

    func ad(_ id: Int) async throws -> AdminContentDTO {
        guard let row = try await services.readSQL().raw("SELECT * FROM contents WHERE id = \(bind: id)").first() else { throw APIError.notFound }
        return try ad(row)
    }

    func ad(_ row: any SQLRow) throws -> AdminContentDTO {
        AdminContentDTO(id: try row.decode(column: "id", as: Int.self), category_id: try row.decode(column: "category_id", as: Int.self),
                        title: try row.decode(column: "title", as: String.self), url: try row.decode(column: "url", as: String.self),
                        image: ImageURL.full(ImageURL.path(of: try row.decode(column: "image", as: String?.self) ?? ""), base: services.config.imageBaseURL),
                        text: try row.decode(column: "text", as: String?.self) ?? "", sequence: try row.decode(column: "sequence", as: Int.self),
                        status: try row.decode(column: "status", as: Bool.self))
    }

    /// A new ad (`id` nil) or new words for one; the home page is generated again in the same transaction.
    func saveAd(id: Int?, _ fields: AdFields) async throws -> Int {
        let saved = try await services.catalogWrite { tx, sql -> Int in
            guard try await sql.raw("SELECT id FROM content_categories WHERE id = \(bind: fields.categoryID)").first() != nil else {
                throw APIError.field("category_id", "广告位不存在。")
            }
            let now = services.clock.now()
            let saved: Int
            if let id {
                guard try await sql.raw("""
                    UPDATE contents SET category_id = \(bind: fields.categoryID), title = \(bind: fields.title), url = \(bind: fields.url), text = \(bind: fields.text),
                           sequence = \(bind: fields.sequence), status = \(bind: fields.status), update_time = \(bind: now) WHERE id = \(bind: id) RETURNING id
                    """).first() != nil else { throw APIError.notFound }
                saved = id
            } else {
                saved = try await sql.raw("""
                    INSERT INTO contents (category_id, title, url, image, text, sequence, status, create_time, update_time)
                    VALUES (\(bind: fields.categoryID), \(bind: fields.title), \(bind: fields.url), '', \(bind: fields.text), \(bind: fields.sequence),
                            \(bind: fields.status), \(bind: now), \(bind: now)) RETURNING id
                    """).first()!.decode(column: "id", as: Int.self)
            }
            try await CatalogEvents(services: services).homeChanged(on: tx)
            return saved
        }
        return saved
    }

    func setAdImage(_ id: Int, key: String) async throws {
        try await services.catalogWrite { tx, sql in
            guard try await sql.raw("""
                UPDATE contents SET image = \(bind: key), update_time = \(bind: services.clock.now()) WHERE id = \(bind: id) RETURNING id
                """).first() != nil else { throw APIError.notFound }
            try await CatalogEvents(services: services).homeChanged(on: tx)
        }
    }

    func deleteAd(_ id: Int) async throws {
        try await services.catalogWrite { tx, sql in
            guard try await sql.raw("DELETE FROM contents WHERE id = \(bind: id) RETURNING id").first() != nil else { throw APIError.notFound }
            try await CatalogEvents(services: services).homeChanged(on: tx)
        }
    }

    // Channels

    func channels() async throws -> [AdminChannelDTO] {
        try await services.readSQL().raw("""
            SELECT ch.id, ch.group_id, ch.category_id, ch.url, ch.sequence, COALESCE(c.name, '') AS category
            FROM goods_channels ch LEFT JOIN goods_categories c ON c.id = ch.category_id ORDER BY ch.group_id, ch.sequence, ch.id
            """).all().map { row in
                AdminChannelDTO(id: try row.decode(column: "id", as: Int.self), group_id: try row.decode(column: "group_id", as: Int.self),
                                category_id: try row.decode(column: "category_id", as: Int.self), category: try row.decode(column: "category", as: String.self),
                                url: try row.decode(column: "url", as: String.self), sequence: try row.decode(column: "sequence", as: Int.self))
            }
    }

    /// A channel names a top-level category, once.
    func saveChannel(id: Int?, _ fields: ChannelFields) async throws -> Int {
        let saved = try await services.catalogWrite { tx, sql -> Int in
            guard let category = try await sql.raw("SELECT parent_id FROM goods_categories WHERE id = \(bind: fields.categoryID)").first() else {
                throw APIError.field("category_id", "分类不存在。")
            }
            guard try category.decode(column: "parent_id", as: Int?.self) == nil else { throw APIError.field("category_id", "频道只能是一级分类。") }
            if let clash = try await sql.raw("SELECT id FROM goods_channels WHERE category_id = \(bind: fields.categoryID)").first()?
                .decode(column: "id", as: Int.self), clash != id {
                throw APIError.field("category_id", "该分类已是一个频道。")
            }
            let now = services.clock.now()
            let saved: Int
            if let id {
                guard try await sql.raw("""
                    UPDATE goods_channels SET group_id = \(bind: fields.groupID), category_id = \(bind: fields.categoryID), url = \(bind: fields.url),
                           sequence = \(bind: fields.sequence), update_time = \(bind: now) WHERE id = \(bind: id) RETURNING id
                    """).first() != nil else { throw APIError.notFound }
                saved = id
            } else {
                saved = try await sql.raw("""
                    INSERT INTO goods_channels (group_id, category_id, url, sequence, create_time, update_time)
                    VALUES (\(bind: fields.groupID), \(bind: fields.categoryID), \(bind: fields.url), \(bind: fields.sequence), \(bind: now), \(bind: now)) RETURNING id
                    """).first()!.decode(column: "id", as: Int.self)
            }
            try await CatalogEvents(services: services).menuChanged(on: tx)
            return saved
        }
        return saved
    }

    func deleteChannel(_ id: Int) async throws {
        try await services.catalogWrite { tx, sql in
            guard try await sql.raw("DELETE FROM goods_channels WHERE id = \(bind: id) RETURNING id").first() != nil else { throw APIError.notFound }
            try await CatalogEvents(services: services).menuChanged(on: tx)
        }
    }
}
