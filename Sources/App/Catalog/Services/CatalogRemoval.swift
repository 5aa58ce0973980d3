import FluentKit
import Foundation
import SQLKit

/// Staff remove from the catalog only what was never sold, as Django Meiduo's models do (`OrderGoods.sku` and
/// `Goods.brand` are `PROTECT`): a SKU or an SPU nobody ordered, a brand no SPU carries. What was sold is taken off
/// sale instead (下架): its orders, reviews and the buyers' lists keep showing it. A removed SKU's pictures, spec
/// values and cart lines go with it (the tables cascade); its page and index entry go, and its siblings' pages are
/// written again without it (`CatalogEvents`, queued in the same transaction); its picture files leave storage after
/// the commit when nothing else names them.
struct CatalogRemoval: Sendable {
    let services: AppServices

    static let soldRefusal = "该商品已有订单，不能删除；请改为下架。"

    func deleteSKU(_ id: Int) async throws {
        let keys = try await services.catalogWrite { tx, sql -> [String] in
            guard try await sql.raw("SELECT id FROM skus WHERE id = \(bind: id)").first() != nil else { throw APIError.notFound }
            try await CatalogEvents(services: services).skuChanged(id, on: tx)
            return try await removeSKUs([id], on: sql)
        }
        await SKUEditor.dropFromStorage(keys, services: services)
    }

    /// The SPU with every SKU of it, its specifications and their options — refused whole if any SKU was ordered.
    func deleteGoods(_ id: Int) async throws {
        let keys = try await services.catalogWrite { tx, sql -> [String] in
            guard try await sql.raw("SELECT id FROM goods WHERE id = \(bind: id)").first() != nil else { throw APIError.notFound }
            let skuIDs = try await sql.raw("SELECT id FROM skus WHERE goods_id = \(bind: id)").all().map { try $0.decode(column: "id", as: Int.self) }
            try await CatalogEvents(services: services).goodsChanged(id, on: tx)
            let keys = try await removeSKUs(skuIDs, on: sql)
            try await sql.raw("DELETE FROM goods WHERE id = \(bind: id)").run()
            return keys
        }
        await SKUEditor.dropFromStorage(keys, services: services)
    }

    /// A brand no SPU carries (the brand list shows how many do).
    func deleteBrand(_ id: Int) async throws {
        try await services.catalogWrite { _, sql in
            guard try await sql.raw("SELECT id FROM brands WHERE id = \(bind: id)").first() != nil else { throw APIError.notFound }
            let carried = try await sql.raw("SELECT COUNT(*) AS n FROM goods WHERE brand_id = \(bind: id)").first()?.decode(column: "n", as: Int.self) ?? 0
            if carried > 0 { throw APIError.nonField("还有 \(carried) 件商品属于该品牌，请先把它们改到别的品牌或删除。") }
            do {
                try await sql.raw("DELETE FROM brands WHERE id = \(bind: id)").run()
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw APIError.nonField("刚有商品用了该品牌，不能删除。")  // an SPU saved with it meanwhile
            }
        }
    }

    /// Deletes the SKUs, refused as a whole when any was ordered; the picture keys nothing names any more.
    func removeSKUs(_ ids: [Int], on sql: any SQLDatabase) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        let list = SQLList(ids.map { SQLBind($0) })
        if try await sql.raw("SELECT id FROM order_goods WHERE sku_id IN (\(list)) LIMIT 1").first() != nil {
            throw APIError.nonField(Self.soldRefusal)
        }
        var keys = Set(try await sql.raw("SELECT image FROM sku_images WHERE sku_id IN (\(list))").all().map { try $0.decode(column: "image", as: String.self) })
        keys.formUnion(try await sql.raw("SELECT default_image_url FROM skus WHERE id IN (\(list))").all().map {
            try $0.decode(column: "default_image_url", as: String.self)
        })
        do {
            try await sql.raw("DELETE FROM skus WHERE id IN (\(list))").run()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw APIError.nonField(Self.soldRefusal)  // an order placed for one of them meanwhile
        }
        var unused: [String] = []
        for key in keys.sorted() where !key.isEmpty {
            if try await !SKUEditor.stillShown(key, on: sql) { unused.append(key) }
        }
        return unused
    }
}
