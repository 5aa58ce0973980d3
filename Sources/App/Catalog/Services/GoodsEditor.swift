import FluentKit
import Foundation
import Hummingbird
import MeiduoRules
import SQLKit

/// Staff keep the SPUs (seed 000 商品SPU): name, brand, third-level category, the three descriptions, and the
/// specifications with their options that the SPU's SKUs choose from. Saving an SPU queues its SKUs' index entries
/// and detail pages again (`CatalogEvents.goodsChanged`), in the same transaction as the change.
struct GoodsEditor: Sendable {
    let services: AppServices

    struct Fields: Sendable {
        var name: String
        var brandID: Int
        var category3ID: Int
        var descDetail = ""
        var descPack = ""
        var descService = ""
    }

    /// `?q=` (name, or an SPU or SKU id), `?category_id=` (any level), in `ordering`.
    /// `?ordering=` of the goods list: the latest change first unless asked.
    static let sortable = SortableColumns(
        columns: [("id", "g.id"), ("name", "g.name"), ("sales", "g.sales"), ("update_time", "g.update_time")],
        fallback: ListOrdering([.init("update_time", descending: true)]), tiebreak: "g.id")

    func list(query: String?, categoryID: Int?, ordering: ListOrdering, page: PageRequest, request: Request) async throws -> Page<AdminGoodsRowDTO> {
        var conditions: [SQLQueryString] = []
        if let query {
            if let number = Int(query) {
                conditions.append("(g.id = \(bind: number) OR g.id IN (SELECT goods_id FROM skus WHERE id = \(bind: number)))")
            } else {
                conditions.append("g.name LIKE \(bind: "%" + query + "%")")
            }
        }
        if let categoryID {
            conditions.append("(g.category1_id = \(bind: categoryID) OR g.category2_id = \(bind: categoryID) OR g.category3_id = \(bind: categoryID))")
        }
        var clause: SQLQueryString = ""
        if !conditions.isEmpty { clause = " WHERE " + conditions.joined(separator: " AND ") }
        let sql = services.readSQL()
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM goods g" + clause).first()?.decode(column: "n", as: Int.self) ?? 0
        try page.validate(count: count)
        let rows = try await sql.raw("""
            SELECT g.id, g.name, g.category1_id, g.category2_id, g.category3_id, g.sales, g.update_time, COALESCE(b.name, '') AS brand,
                   (SELECT COUNT(*) FROM skus s WHERE s.goods_id = g.id) AS skus,
                   (SELECT COUNT(*) FROM skus s WHERE s.goods_id = g.id AND s.is_launched = \(bind: true)) AS launched
            FROM goods g LEFT JOIN brands b ON b.id = g.brand_id
            """ + clause + Self.sortable.orderBy(ordering) + " LIMIT \(bind: page.size) OFFSET \(bind: page.offset)").all()
        let names = try await categoryNames(on: sql)
        let results = try rows.map { row in
            let path = try ["category1_id", "category2_id", "category3_id"].map { names[try row.decode(column: $0, as: Int.self)] ?? "?" }
            return AdminGoodsRowDTO(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                                    brand: try row.decode(column: "brand", as: String.self),
                                    category3_id: try row.decode(column: "category3_id", as: Int.self), category: path.joined(separator: " › "),
                                    skus: try row.decode(column: "skus", as: Int.self), launched: try row.decode(column: "launched", as: Int.self),
                                    sales: try row.decode(column: "sales", as: Int.self), update_time: try row.decode(column: "update_time", as: Date?.self))
        }
        return Page(count: count, results: results, request: page, httpRequest: request)
    }

    func categoryNames(on sql: any SQLDatabase) async throws -> [Int: String] {
        try await CategoryEditor(services: services).nodes(on: sql).mapValues(\.name)
    }

    /// The SPU with its specifications, options and SKUs (each with its options and pictures).
    func detail(_ id: Int) async throws -> AdminGoodsDTO {
        let db = services.readDB()
        guard let goods = try await Goods.find(id, on: db) else { throw APIError.notFound }
        let specs = try await specs(goodsID: id, on: services.readSQL())
        let skus = try await SKU.query(on: db).filter(\.$goodsID == id).sort(\.$id).all()
        let views = try await SKUEditor(services: services).views(skus, specs: specs)
        return AdminGoodsDTO(id: id, name: goods.name, brand_id: goods.brandID, category1_id: goods.category1ID, category2_id: goods.category2ID,
                             category3_id: goods.category3ID, desc_detail: goods.descDetail, desc_pack: goods.descPack,
                             desc_service: goods.descService, specs: specs, skus: views)
    }

    func specs(goodsID: Int, on sql: any SQLDatabase) async throws -> [AdminSpecDTO] {
        try await CatalogService.specifications(goodsID: goodsID, on: sql).map { spec in
            AdminSpecDTO(id: spec.id, name: spec.name, options: spec.options.map { AdminSpecOptionDTO(id: $0.id, value: $0.value) })
        }
    }

    /// The category path of a third-level category, or the field error staff see.
    func categoryPath(_ category3ID: Int, on sql: any SQLDatabase) async throws -> (Int, Int, Int) {
        let nodes = try await CategoryEditor(services: services).nodes(on: sql)
        guard let third = nodes[category3ID], CategoryEditor.level(of: category3ID, in: nodes) == 3,
              let second = third.parentID.flatMap({ nodes[$0] }), let first = second.parentID else {
            throw APIError.field("category3_id", "请选择一个三级分类。")
        }
        return (first, second.id, category3ID)
    }

    func refuseUnknownBrand(_ id: Int, on sql: any SQLDatabase) async throws {
        guard try await sql.raw("SELECT id FROM brands WHERE id = \(bind: id)").first() != nil else { throw APIError.field("brand_id", "品牌不存在。") }
    }

    /// A new SPU with its specifications (`[(name, [option values])]`); answers its id.
    func create(_ fields: Fields, specs: [(String, [String])]) async throws -> Int {
        let id = try await services.catalogWrite { tx, sql -> Int in
            try await refuseUnknownBrand(fields.brandID, on: sql)
            let (c1, c2, c3) = try await categoryPath(fields.category3ID, on: sql)
            let now = services.clock.now()
            let id = try await sql.raw("""
                INSERT INTO goods (name, brand_id, category1_id, category2_id, category3_id, sales, comments, desc_detail, desc_pack, desc_service,
                                   create_time, update_time)
                VALUES (\(bind: fields.name), \(bind: fields.brandID), \(bind: c1), \(bind: c2), \(bind: c3), 0, 0, \(bind: fields.descDetail),
                        \(bind: fields.descPack), \(bind: fields.descService), \(bind: now), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            for (name, options) in specs { try await insertSpec(goodsID: id, name: name, options: options, on: sql) }
            return id
        }
        return id
    }

    /// New words, brand or category for an SPU: its SKUs move with it to the new category.
    func update(_ id: Int, _ fields: Fields) async throws {
        try await services.catalogWrite { tx, sql in
            guard try await sql.raw("SELECT id FROM goods WHERE id = \(bind: id)").first() != nil else { throw APIError.notFound }
            try await refuseUnknownBrand(fields.brandID, on: sql)
            let (c1, c2, c3) = try await categoryPath(fields.category3ID, on: sql)
            let now = services.clock.now()
            try await sql.raw("""
                UPDATE goods SET name = \(bind: fields.name), brand_id = \(bind: fields.brandID), category1_id = \(bind: c1), category2_id = \(bind: c2),
                       category3_id = \(bind: c3), desc_detail = \(bind: fields.descDetail), desc_pack = \(bind: fields.descPack),
                       desc_service = \(bind: fields.descService), update_time = \(bind: now) WHERE id = \(bind: id)
                """).run()
            try await sql.raw("UPDATE skus SET category_id = \(bind: c3), update_time = \(bind: now) WHERE goods_id = \(bind: id) AND category_id <> \(bind: c3)").run()
            try await CatalogEvents(services: services).goodsChanged(id, on: tx)
        }
    }

    /// A specification with its options, while the SPU has no SKU yet (a SKU chooses one option of every
    /// specification: one added later would leave the existing SKUs without a choice).
    func addSpec(goodsID: Int, name: String, options: [String]) async throws -> AdminSpecDTO {
        try await services.catalogWrite { tx, sql in
            guard try await sql.raw("SELECT id FROM goods WHERE id = \(bind: goodsID)").first() != nil else { throw APIError.notFound }
            if try await sql.raw("SELECT id FROM skus WHERE goods_id = \(bind: goodsID) LIMIT 1").first() != nil {
                throw APIError.nonField("该商品已有 SKU，不能再增加规格；可以给现有规格增加选项。")
            }
            let existing = try await specs(goodsID: goodsID, on: sql)
            guard !existing.contains(where: { $0.name == name }) else { throw APIError.field("name", "已有名为“\(name)”的规格。") }
            guard existing.count < Self.maxSpecs else { throw APIError.nonField("一个商品最多 \(Self.maxSpecs) 个规格。") }
            try await insertSpec(goodsID: goodsID, name: name, options: options, on: sql)
            return try await specs(goodsID: goodsID, on: sql).last!
        }
    }

    static let maxSpecs = 4

    /// Another option of a specification (a new colour): existing SKUs keep theirs.
    func addOption(specID: Int, value: String) async throws -> AdminSpecDTO {
        try await services.catalogWrite { tx, sql in
            guard let goodsID = try await sql.raw("SELECT goods_id FROM goods_specifications WHERE id = \(bind: specID)").first()?
                .decode(column: "goods_id", as: Int.self) else { throw APIError.notFound }
            guard let spec = try await specs(goodsID: goodsID, on: sql).first(where: { $0.id == specID }) else { throw APIError.notFound }
            guard !spec.options.contains(where: { $0.value == value }) else { throw APIError.field("value", "该规格已有选项“\(value)”。") }
            let now = services.clock.now()
            try await sql.raw("""
                INSERT INTO specification_options (spec_id, value, create_time, update_time) VALUES (\(bind: specID), \(bind: value), \(bind: now), \(bind: now))
                """).run()
            return try await specs(goodsID: goodsID, on: sql).first(where: { $0.id == specID })!
        }
    }

    func insertSpec(goodsID: Int, name: String, options: [String], on sql: any SQLDatabase) async throws {
        let now = services.clock.now()
        let specID = try await sql.raw("""
            INSERT INTO goods_specifications (goods_id, name, create_time, update_time) VALUES (\(bind: goodsID), \(bind: name), \(bind: now), \(bind: now))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
        for value in options {
            try await sql.raw("""
                INSERT INTO specification_options (spec_id, value, create_time, update_time) VALUES (\(bind: specID), \(bind: value), \(bind: now), \(bind: now))
                """).run()
        }
    }
}
