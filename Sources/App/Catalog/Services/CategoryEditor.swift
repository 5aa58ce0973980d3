import FluentKit
import Foundation
import SQLKit

/// Staff keep the category tree (three levels, seed 000 商品分类) and the brands. A category's name shows in the
/// home page's menu and every detail page's breadcrumb, so a change queues the pages again (`CatalogEvents`).
struct CategoryEditor: Sendable {
    let services: AppServices

    struct Node {
        let id: Int
        let name: String
        let parentID: Int?
    }

    func nodes(on sql: any SQLDatabase) async throws -> [Int: Node] {
        var nodes: [Int: Node] = [:]
        for row in try await sql.raw("SELECT id, name, parent_id FROM goods_categories").all() {
            let id = try row.decode(column: "id", as: Int.self)
            nodes[id] = Node(id: id, name: try row.decode(column: "name", as: String.self), parentID: try row.decode(column: "parent_id", as: Int?.self))
        }
        return nodes
    }

    /// 1 at the top; a broken chain (a parent gone) counts as deep as it reaches.
    static func level(of id: Int, in nodes: [Int: Node]) -> Int {
        var level = 1, current = nodes[id]
        while let parent = current?.parentID, level < 4 {
            level += 1
            current = nodes[parent]
        }
        return level
    }

    /// The whole tree, top-level first then by id (the page nests it).
    func list() async throws -> [AdminCategoryDTO] {
        let sql = services.readSQL()
        let nodes = try await nodes(on: sql)
        var children: [Int: Int] = [:], goods: [Int: Int] = [:]
        for node in nodes.values { if let parent = node.parentID { children[parent, default: 0] += 1 } }
        for row in try await sql.raw("SELECT category1_id AS a, category2_id AS b, category3_id AS c FROM goods").all() {
            for column in ["a", "b", "c"] { goods[try row.decode(column: column, as: Int.self), default: 0] += 1 }
        }
        return nodes.values.map { node in
            AdminCategoryDTO(id: node.id, name: node.name, parent_id: node.parentID, level: Self.level(of: node.id, in: nodes),
                             children: children[node.id] ?? 0, goods: goods[node.id] ?? 0)
        }.sorted { ($0.level, $0.id) < ($1.level, $1.id) }
    }

    func category(_ id: Int) async throws -> AdminCategoryDTO {
        guard let found = try await list().first(where: { $0.id == id }) else { throw APIError.notFound }
        return found
    }

    /// A new category under `parentID` (a level-1 or level-2 one), or at the top.
    func create(name: String, parentID: Int?) async throws -> AdminCategoryDTO {
        let id = try await services.catalogWrite { tx, sql -> Int in
            let nodes = try await nodes(on: sql)
            if let parentID {
                guard nodes[parentID] != nil else { throw APIError.field("parent_id", "上级分类不存在。") }
                guard Self.level(of: parentID, in: nodes) < 3 else { throw APIError.field("parent_id", "分类最多三级，三级分类下不能再建分类。") }
            }
            try Self.refuseSiblingNamed(name, parentID: parentID, except: nil, in: nodes)
            let now = services.clock.now()
            let id = try await sql.raw("""
                INSERT INTO goods_categories (name, parent_id, create_time, update_time) VALUES (\(bind: name), \(bind: parentID), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await CatalogEvents(services: services).menuChanged(on: tx)
            return id
        }
        return try await category(id)
    }

    func rename(_ id: Int, to name: String) async throws -> AdminCategoryDTO {
        try await services.catalogWrite { tx, sql in
            let nodes = try await nodes(on: sql)
            guard let node = nodes[id] else { throw APIError.notFound }
            try Self.refuseSiblingNamed(name, parentID: node.parentID, except: id, in: nodes)
            try await sql.raw("UPDATE goods_categories SET name = \(bind: name), update_time = \(bind: services.clock.now()) WHERE id = \(bind: id)").run()
            try await CatalogEvents(services: services).menuChanged(on: tx)
        }
        return try await category(id)
    }

    /// Only an empty category goes: no sub-categories, no goods filed under it, no channel showing it.
    func delete(_ id: Int) async throws {
        try await services.catalogWrite { tx, sql in
            guard try await sql.raw("SELECT id FROM goods_categories WHERE id = \(bind: id)").first() != nil else { throw APIError.notFound }
            if try await sql.raw("SELECT id FROM goods_categories WHERE parent_id = \(bind: id) LIMIT 1").first() != nil {
                throw APIError.nonField("该分类下还有子分类，不能删除。")
            }
            if try await sql.raw("""
                SELECT id FROM goods WHERE category1_id = \(bind: id) OR category2_id = \(bind: id) OR category3_id = \(bind: id) LIMIT 1
                """).first() != nil {
                throw APIError.nonField("该分类下还有商品，不能删除。")
            }
            if try await sql.raw("SELECT id FROM goods_channels WHERE category_id = \(bind: id) LIMIT 1").first() != nil {
                throw APIError.nonField("首页频道正在使用该分类，请先删除频道。")
            }
            try await sql.raw("DELETE FROM category_visits WHERE category_id = \(bind: id)").run()
            try await sql.raw("DELETE FROM goods_categories WHERE id = \(bind: id)").run()
            try await CatalogEvents(services: services).menuChanged(on: tx)
        }
    }

    static func refuseSiblingNamed(_ name: String, parentID: Int?, except id: Int?, in nodes: [Int: Node]) throws {
        if nodes.values.contains(where: { $0.parentID == parentID && $0.name == name && $0.id != id }) {
            throw APIError.field("name", "同一上级下已有名为“\(name)”的分类。")
        }
    }

    // Brands

    func brands() async throws -> [AdminBrandDTO] {
        try await services.readSQL().raw("""
            SELECT b.id, b.name, b.first_letter, (SELECT COUNT(*) FROM goods g WHERE g.brand_id = b.id) AS goods
            FROM brands b ORDER BY b.first_letter, b.id
            """).all().map(Self.brand)
    }

    func brand(_ id: Int) async throws -> AdminBrandDTO {
        guard let row = try await services.readSQL().raw("""
            SELECT b.id, b.name, b.first_letter, (SELECT COUNT(*) FROM goods g WHERE g.brand_id = b.id) AS goods FROM brands b WHERE b.id = \(bind: id)
            """).first() else { throw APIError.notFound }
        return try Self.brand(row)
    }

    static func brand(_ row: any SQLRow) throws -> AdminBrandDTO {
        AdminBrandDTO(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                      first_letter: try row.decode(column: "first_letter", as: String.self), goods: try row.decode(column: "goods", as: Int.self))
    }

    /// A new brand, or (with `id`) new words for one; brand names are unique.
    func saveBrand(id: Int?, name: String, firstLetter: String) async throws -> AdminBrandDTO {
        let sql = services.sql()
        if let clash = try await sql.raw("SELECT id FROM brands WHERE name = \(bind: name)").first()?.decode(column: "id", as: Int.self), clash != id {
            throw APIError.field("name", "已有名为“\(name)”的品牌。")
        }
        let now = services.clock.now()
        if let id {
            guard try await sql.raw("SELECT id FROM brands WHERE id = \(bind: id)").first() != nil else { throw APIError.notFound }
            try await sql.raw("""
                UPDATE brands SET name = \(bind: name), first_letter = \(bind: firstLetter), update_time = \(bind: now) WHERE id = \(bind: id)
                """).run()
            return try await brand(id)
        }
        let created = try await sql.raw("""
            INSERT INTO brands (name, logo, first_letter, create_time, update_time) VALUES (\(bind: name), '', \(bind: firstLetter), \(bind: now), \(bind: now))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
        return try await brand(created)
    }
}
