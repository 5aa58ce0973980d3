import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Staff keep an SPU's SKUs: words, prices, stock (through `Inventory.recount`), on/off sale, the option of each
/// specification (`SKUOptions`), and pictures — uploaded through the storage backend, put in order, one of them
/// the default. Every change queues the SKU's index entry and its own and its siblings' detail pages
/// (`CatalogEvents.skuChanged`) in the same transaction.
struct SKUEditor: Sendable {
    let services: AppServices

    struct Fields: Sendable {
        var name: String
        var caption: String
        var price: Int64
        var costPrice: Int64
        var marketPrice: Int64
        var stock: Int
        /// The stock the staff member saw when editing (nil: set it whatever it is).
        var stockWas: Int?
        var isLaunched: Bool
        var options: [Int]
    }

    func view(_ sku: SKU, specs: [AdminSpecDTO]) async throws -> AdminSKUDTO {
        try await views([sku], specs: specs)[0]
    }

    /// The SKUs as staff edit them, with their options and pictures read for all of them at once (two queries
    /// however many SKUs the SPU has).
    func views(_ skus: [SKU], specs: [AdminSpecDTO]) async throws -> [AdminSKUDTO] {
        guard !skus.isEmpty else { return [] }
        let sql = services.readSQL()
        let ids = SQLList(skus.map { SQLBind($0.id!) })
        var chosen: [Int: [Int: Int]] = [:]
        for row in try await sql.raw("SELECT sku_id, spec_id, option_id FROM sku_specifications WHERE sku_id IN (\(ids))").all() {
            chosen[try row.decode(column: "sku_id", as: Int.self), default: [:]][try row.decode(column: "spec_id", as: Int.self)] =
                try row.decode(column: "option_id", as: Int.self)
        }
        let images = Dictionary(grouping: try await SKUImage.query(on: services.readDB()).filter(\.$skuID ~~ skus.map { $0.id! })
            .sort(\.$sequence).sort(\.$id).all(), by: \.skuID)
        let base = services.config.imageBaseURL
        return skus.map { sku in
            AdminSKUDTO(
                id: sku.id!, goods_id: sku.goodsID, name: sku.name, caption: sku.caption, price: Money.format(cents: sku.price),
                cost_price: Money.format(cents: sku.costPrice), market_price: Money.format(cents: sku.marketPrice), stock: sku.stock, sales: sku.sales,
                is_launched: sku.isLaunched, default_image_url: ImageURL.full(sku.defaultImageURL, base: base),
                options: specs.compactMap { chosen[sku.id!]?[$0.id] },
                images: (images[sku.id!] ?? []).map { image in
                    AdminSKUImageDTO(id: image.id!, key: image.image, url: ImageURL.full(image.image, base: base), sequence: image.sequence,
                                     is_default: image.image == sku.defaultImageURL)
                })
        }
    }

    func sku(_ id: Int) async throws -> AdminSKUDTO {
        guard let sku = try await SKU.find(id, on: services.readDB()) else { throw APIError.notFound }
        return try await view(sku, specs: try await GoodsEditor(services: services).specs(goodsID: sku.goodsID, on: services.readSQL()))
    }

    /// The options in specification order, or the field error: `others` leaves out the SKU being edited.
    func arrangedOptions(_ chosen: [Int], goodsID: Int, except skuID: Int?, on sql: any SQLDatabase) async throws -> [Int] {
        let specs = try await GoodsEditor(services: services).specs(goodsID: goodsID, on: sql)
        var others: [Int: [Int]] = [:]
        for row in try await sql.raw("""
            SELECT ss.sku_id, ss.option_id FROM sku_specifications ss JOIN skus s ON s.id = ss.sku_id WHERE s.goods_id = \(bind: goodsID)
            """).all() {
            let owner = try row.decode(column: "sku_id", as: Int.self)
            if owner != skuID { others[owner, default: []].append(try row.decode(column: "option_id", as: Int.self)) }
        }
        let rule = specs.map { SKUOptions.Spec(id: $0.id, optionIDs: $0.options.map(\.id)) }
        switch SKUOptions.arrange(chosen, specs: rule, others: Array(others.values)) {
        case .success(let arranged): return arranged
        case .failure(let refusal): throw APIError.field("options", refusal.description)
        }
    }

    func create(goodsID: Int, _ fields: Fields) async throws -> Int {
        let id = try await services.catalogWrite { tx, sql -> Int in
            guard let category = try await sql.raw("SELECT category3_id FROM goods WHERE id = \(bind: goodsID)").first()?
                .decode(column: "category3_id", as: Int.self) else { throw APIError.notFound }
            let options = try await arrangedOptions(fields.options, goodsID: goodsID, except: nil, on: sql)
            let now = services.clock.now()
            let id = try await sql.raw("""
                INSERT INTO skus (name, caption, goods_id, category_id, price, cost_price, market_price, stock, sales, comments, is_launched,
                                  default_image_url, create_time, update_time)
                VALUES (\(bind: fields.name), \(bind: fields.caption), \(bind: goodsID), \(bind: category), \(bind: fields.price), \(bind: fields.costPrice),
                        \(bind: fields.marketPrice), \(bind: fields.stock), 0, 0, \(bind: fields.isLaunched), '', \(bind: now), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await writeOptions(options, skuID: id, goodsID: goodsID, on: sql)
            try await CatalogEvents(services: services).skuChanged(id, on: tx)
            return id
        }
        return id
    }

    func update(_ id: Int, _ fields: Fields) async throws {
        try await services.catalogWrite { tx, sql in
            guard let row = try await sql.raw("SELECT goods_id, stock FROM skus WHERE id = \(bind: id)").first() else { throw APIError.notFound }
            let goodsID = try row.decode(column: "goods_id", as: Int.self)
            let options = try await arrangedOptions(fields.options, goodsID: goodsID, except: id, on: sql)
            let now = services.clock.now()
            try await Inventory(services: services).recount(skuID: id, to: fields.stock, was: fields.stockWas ?? row.decode(column: "stock", as: Int.self),
                                                            now: now, on: sql)
            try await sql.raw("""
                UPDATE skus SET name = \(bind: fields.name), caption = \(bind: fields.caption), price = \(bind: fields.price),
                       cost_price = \(bind: fields.costPrice), market_price = \(bind: fields.marketPrice), is_launched = \(bind: fields.isLaunched),
                       update_time = \(bind: now) WHERE id = \(bind: id)
                """).run()
            try await sql.raw("DELETE FROM sku_specifications WHERE sku_id = \(bind: id)").run()
            try await writeOptions(options, skuID: id, goodsID: goodsID, on: sql)
            try await CatalogEvents(services: services).skuChanged(id, on: tx)
        }
    }

    func writeOptions(_ options: [Int], skuID: Int, goodsID: Int, on sql: any SQLDatabase) async throws {
        let specs = try await GoodsEditor(services: services).specs(goodsID: goodsID, on: sql)
        let now = services.clock.now()
        for (spec, option) in zip(specs, options) {
            try await sql.raw("""
                INSERT INTO sku_specifications (sku_id, spec_id, option_id, create_time, update_time)
                VALUES (\(bind: skuID), \(bind: spec.id), \(bind: option), \(bind: now), \(bind: now))
                """).run()
        }
    }

    // Pictures

    /// A stored picture becomes the SKU's last; the first one also becomes its default.
    func addImage(skuID: Int, key: String) async throws -> AdminSKUDTO {
        try await services.catalogWrite { tx, sql in
            guard let row = try await sql.raw("SELECT default_image_url FROM skus WHERE id = \(bind: skuID)").first() else { throw APIError.notFound }
            let now = services.clock.now()
            let next = try await sql.raw("SELECT COALESCE(MAX(sequence), 0) + 1 AS n FROM sku_images WHERE sku_id = \(bind: skuID)").first()!
                .decode(column: "n", as: Int.self)
            try await sql.raw("""
                INSERT INTO sku_images (sku_id, image, sequence, create_time, update_time) VALUES (\(bind: skuID), \(bind: key), \(bind: next), \(bind: now), \(bind: now))
                """).run()
            if try row.decode(column: "default_image_url", as: String.self).isEmpty {
                try await sql.raw("UPDATE skus SET default_image_url = \(bind: key), update_time = \(bind: now) WHERE id = \(bind: skuID)").run()
            }
            try await CatalogEvents(services: services).skuChanged(skuID, on: tx)
        }
        return try await sku(skuID)
    }

    /// The pictures in the order given (every one of the SKU's, once), `defaultID` the one lists show.
    func arrange(skuID: Int, order: [Int], defaultID: Int?) async throws -> AdminSKUDTO {
        try await services.catalogWrite { tx, sql in
            guard try await sql.raw("SELECT id FROM skus WHERE id = \(bind: skuID)").first() != nil else { throw APIError.notFound }
            var keys: [Int: String] = [:]
            for row in try await sql.raw("SELECT id, image FROM sku_images WHERE sku_id = \(bind: skuID)").all() {
                keys[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "image", as: String.self)
            }
            guard order.count == keys.count, Set(order) == Set(keys.keys) else {
                throw APIError.field("order", "请按顺序列出该 SKU 的每一张图片，每张一次。")
            }
            let now = services.clock.now()
            for (position, imageID) in order.enumerated() {
                try await sql.raw("UPDATE sku_images SET sequence = \(bind: position + 1), update_time = \(bind: now) WHERE id = \(bind: imageID)").run()
            }
            if let defaultID {
                guard let key = keys[defaultID] else { throw APIError.field("default_image", "默认图片须是该 SKU 的图片之一。") }
                try await sql.raw("UPDATE skus SET default_image_url = \(bind: key), update_time = \(bind: now) WHERE id = \(bind: skuID)").run()
            }
            try await CatalogEvents(services: services).skuChanged(skuID, on: tx)
        }
        return try await sku(skuID)
    }

    /// The picture leaves the SKU, and storage when nothing else shows it (after the commit: a failed delete leaves a file, never a row without
    /// one); a removed default is replaced by the first picture left, or none.
    func deleteImage(skuID: Int, imageID: Int) async throws -> AdminSKUDTO {
        let key = try await services.catalogWrite { tx, sql -> String? in
            guard let image = try await sql.raw("SELECT image FROM sku_images WHERE id = \(bind: imageID) AND sku_id = \(bind: skuID)").first()?
                .decode(column: "image", as: String.self),
                  let current = try await sql.raw("SELECT default_image_url FROM skus WHERE id = \(bind: skuID)").first()?
                .decode(column: "default_image_url", as: String.self) else { throw APIError.notFound }
            try await sql.raw("DELETE FROM sku_images WHERE id = \(bind: imageID)").run()
            if current == image {
                let next = try await sql.raw("SELECT image FROM sku_images WHERE sku_id = \(bind: skuID) ORDER BY sequence, id LIMIT 1").first()?
                    .decode(column: "image", as: String.self) ?? ""
                try await sql.raw("UPDATE skus SET default_image_url = \(bind: next), update_time = \(bind: services.clock.now()) WHERE id = \(bind: skuID)").run()
            }
            try await CatalogEvents(services: services).skuChanged(skuID, on: tx)
            return try await Self.stillShown(image, on: sql) ? nil : image
        }
        await Self.dropFromStorage(key.map { [$0] } ?? [], services: services)
        return try await sku(skuID)
    }

    /// Whether a SKU or a SKU picture still names the picture: the sample's pictures may be shared, so a file goes
    /// only when no row names it any more.
    static func stillShown(_ key: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("""
            SELECT id FROM sku_images WHERE image = \(bind: key) UNION ALL SELECT id FROM skus WHERE default_image_url = \(bind: key)
            """).first() != nil
    }

    /// Deletes the pictures' files, after the commit that stopped naming them: a failed delete leaves a file behind
    /// (logged), never a row without its file. Keys that are not ours (an absolute URL of the sample) are left alone.
    static func dropFromStorage(_ keys: [String], services: AppServices) async {
        for key in keys where StorageKey.isValid(ImageURL.path(of: key)) {
            do { try await services.storage.delete(key: ImageURL.path(of: key)) } catch {
                services.logger.error("picture left in storage", metadata: ["key": "\(key)", "error": "\(error)"])
            }
        }
    }
}
