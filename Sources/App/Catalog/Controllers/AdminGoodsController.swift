import Foundation
import Hummingbird
import MeiduoRules

/// SPUs, their specifications and SKUs, and SKU pictures in the back office (`catalog.read` / `catalog.write`).
/// Pictures are uploaded as the request body itself (`POST /admin/api/skus/<id>/images/`, `StaffUploads`). SPUs and
/// SKUs nobody ordered may be deleted (`DELETE /admin/api/goods/<id>/`, `/admin/api/skus/<id>/`, `CatalogRemoval`).
struct AdminGoodsController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        let read = routes.staff(.catalog, .read), write = routes.staff(.catalog, .write)
        read.get("admin/api/goods", use: list)
        write.post("admin/api/goods", use: create)
        read.get("admin/api/goods/:id", use: detail)
        write.put("admin/api/goods/:id", use: update)
        write.delete("admin/api/goods/:id", use: delete)
        write.post("admin/api/goods/:id/specs", use: addSpec)
        write.post("admin/api/specs/:id/options", use: addOption)
        write.post("admin/api/goods/:id/skus", use: createSKU)
        read.get("admin/api/skus/:id", use: sku)
        write.put("admin/api/skus/:id", use: updateSKU)
        write.delete("admin/api/skus/:id", use: deleteSKU)
        write.post("admin/api/skus/:id/images", use: uploadImage)
        write.put("admin/api/skus/:id/images", use: arrangeImages)
        write.delete("admin/api/skus/:id/images/:image_id", use: deleteImage)
    }

    var goods: GoodsEditor { GoodsEditor(services: services) }
    var skus: SKUEditor { SKUEditor(services: services) }

    /// `?q=` (name, SPU or SKU id), `?category_id=`, `?page=`.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<AdminGoodsRowDTO> {
        let page = try PageRequest.parse(request, defaultSize: 20, maxSize: 100)
        var form = FormReader(RequestInput.query(of: request))
        let query = form.string("q", required: false, maxLength: 50)
        let category = form.int("category_id", required: false, min: 1, max: Int(Int32.max))
        let ordering = GoodsEditor.sortable.read(&form)
        try form.finish()
        return try await goods.list(query: query, categoryID: category, ordering: ordering, page: page, request: request)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> AdminGoodsDTO {
        try await goods.detail(try context.pathID())
    }

    /// `{name, brand_id, category3_id, desc_detail?, desc_pack?, desc_service?}`; specifications are added next.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminGoodsDTO> {
        let fields = try await goodsFields(request, context: context)
        let id = try await goods.create(fields, specs: [])
        let created = try await goods.detail(id)
        context.audit?.record(target: "goods", id: id, after: created, summary: "新建商品 \(created.name)")
        return EditedResponse(status: .created, response: created)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> AdminGoodsDTO {
        let id = try context.pathID()
        let fields = try await goodsFields(request, context: context)
        let before = try await goods.detail(id)
        try await goods.update(id, fields)
        let after = try await goods.detail(id)
        context.audit?.record(target: "goods", id: id, before: GoodsSnapshot(before), after: GoodsSnapshot(after), summary: "修改商品 \(after.name)")
        return after
    }

    /// An SPU never ordered, with its SKUs and specifications (`CatalogRemoval`); one that sold is taken off sale instead.
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID()
        let before = try await goods.detail(id)
        try await CatalogRemoval(services: services).deleteGoods(id)
        context.audit?.record(target: "goods", id: id, before: GoodsSnapshot(before), summary: "删除商品 \(before.name)（\(before.skus.count) 个 SKU）")
        return Response(status: .noContent)
    }

    func goodsFields(_ request: Request, context: AppRequestContext) async throws -> GoodsEditor.Fields {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 50)
        let brand = form.int("brand_id", min: 1, max: Int(Int32.max))
        let category = form.int("category3_id", min: 1, max: Int(Int32.max))
        // Printed as HTML on every detail page: only what a description needs is kept (`RichText`).
        let texts = ["desc_detail", "desc_pack", "desc_service"].map {
            RichText.sanitized(form.string($0, required: false, allowBlank: true, maxLength: 20_000) ?? "")
        }
        try form.finish()
        return GoodsEditor.Fields(name: name!, brandID: brand!, category3ID: category!, descDetail: texts[0], descPack: texts[1], descService: texts[2])
    }

    /// `{name, options: ["银色", "金色"]}`, before the SPU has SKUs.
    @Sendable func addSpec(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminSpecDTO> {
        let goodsID = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 20)
        let options = form.strings("options", maxCount: 30, maxLength: 20)
        if options?.isEmpty == true { form.errors.add("options", "至少要有一个选项。") }
        try form.finish()
        let spec = try await goods.addSpec(goodsID: goodsID, name: name!, options: options!)
        context.audit?.record(target: "goods", id: goodsID, after: spec, summary: "新增规格 \(spec.name)")
        return EditedResponse(status: .created, response: spec)
    }

    /// `{value}`.
    @Sendable func addOption(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminSpecDTO> {
        let specID = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let value = form.string("value", maxLength: 20)
        try form.finish()
        let spec = try await goods.addOption(specID: specID, value: value!)
        context.audit?.record(target: "goods_specifications", id: specID, after: spec, summary: "规格 \(spec.name) 新增选项 \(value!)")
        return EditedResponse(status: .created, response: spec)
    }

    @Sendable func sku(_ request: Request, context: AppRequestContext) async throws -> AdminSKUDTO {
        try await skus.sku(try context.pathID())
    }

    /// `{name, caption?, price, cost_price?, market_price?, stock, is_launched, options: [option ids]}`.
    @Sendable func createSKU(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminSKUDTO> {
        let goodsID = try context.pathID()
        let fields = try await skuFields(request, context: context)
        let id = try await skus.create(goodsID: goodsID, fields)
        let created = try await skus.sku(id)
        context.audit?.record(target: "skus", id: id, after: created, summary: "新建 SKU \(created.name)")
        return EditedResponse(status: .created, response: created)
    }

    /// As creating, plus `stock_was` (the stock the form showed: a count changed by an order meanwhile is refused).
    @Sendable func updateSKU(_ request: Request, context: AppRequestContext) async throws -> AdminSKUDTO {
        let id = try context.pathID()
        let fields = try await skuFields(request, context: context)
        let before = try await skus.sku(id)
        try await skus.update(id, fields)
        let after = try await skus.sku(id)
        context.audit?.record(target: "skus", id: id, before: SKUSnapshot(before), after: SKUSnapshot(after), summary: "修改 SKU \(after.name)")
        return after
    }

    /// A SKU never ordered; one that sold is taken off sale instead.
    @Sendable func deleteSKU(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID()
        let before = try await skus.sku(id)
        try await CatalogRemoval(services: services).deleteSKU(id)
        context.audit?.record(target: "skus", id: id, before: SKUSnapshot(before), summary: "删除 SKU \(before.name)")
        return Response(status: .noContent)
    }

    func skuFields(_ request: Request, context: AppRequestContext) async throws -> SKUEditor.Fields {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 50)
        let caption = form.string("caption", required: false, allowBlank: true, maxLength: 100) ?? ""
        let price = form.money("price")
        let cost = form.money("cost_price", required: false)
        let market = form.money("market_price", required: false)
        let stock = form.int("stock", min: 0, max: 10_000_000)
        let stockWas = form.int("stock_was", required: false, min: 0, max: Int(Int32.max))
        let launched = form.bool("is_launched", default: false)
        let options = form.ids("options", maxCount: GoodsEditor.maxSpecs)
        if price == 0 { form.errors.add("price", "售价须大于 0。") }
        try form.finish()
        return SKUEditor.Fields(name: name!, caption: caption, price: price!, costPrice: cost ?? 0, marketPrice: market ?? price!, stock: stock!,
                                stockWas: stockWas, isLaunched: launched ?? false, options: options!)
    }

    /// The body is the picture (PNG, JPEG, GIF or WebP, up to 5 MB). Answers the new picture (last; the default
    /// when the SKU had none).
    @Sendable func uploadImage(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminSKUImageDTO> {
        let skuID = try context.pathID()
        _ = try await skus.sku(skuID)
        let key = try await StaffUploads(services: services).store(request, folder: "goods")
        guard let image = try await skus.addImage(skuID: skuID, key: key).images.first(where: { $0.key == key }) else { throw APIError.notFound }
        context.audit?.record(target: "skus", id: skuID, after: image, summary: "上传 SKU 图片")
        return EditedResponse(status: .created, response: image)
    }

    /// `{order: [image ids], default_image?: id}`.
    @Sendable func arrangeImages(_ request: Request, context: AppRequestContext) async throws -> AdminSKUDTO {
        let skuID = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let order = form.ids("order", maxCount: 50)
        let main = form.int("default_image", required: false, min: 1, max: Int(Int32.max))
        try form.finish()
        let before = try await skus.sku(skuID)
        let after = try await skus.arrange(skuID: skuID, order: order!, defaultID: main)
        context.audit?.record(target: "skus", id: skuID, before: before.images, after: after.images, summary: "调整 SKU 图片")
        return after
    }

    @Sendable func deleteImage(_ request: Request, context: AppRequestContext) async throws -> AdminSKUDTO {
        let skuID = try context.pathID(), imageID = try context.pathID("image_id")
        let before = try await skus.sku(skuID)
        let after = try await skus.deleteImage(skuID: skuID, imageID: imageID)
        context.audit?.record(target: "skus", id: skuID, before: before.images.first { $0.id == imageID }, summary: "删除 SKU 图片")
        return after
    }

    /// What the audit row keeps of an SPU: its fields, not its SKUs (they have rows of their own).
    struct GoodsSnapshot: Encodable {
        let name: String, brand_id: Int, category3_id: Int, desc_detail: String, desc_pack: String, desc_service: String

        init(_ goods: AdminGoodsDTO) {
            name = goods.name; brand_id = goods.brand_id; category3_id = goods.category3_id
            desc_detail = goods.desc_detail; desc_pack = goods.desc_pack; desc_service = goods.desc_service
        }
    }

    /// What the audit row keeps of a SKU: its fields, not its pictures.
    struct SKUSnapshot: Encodable {
        let name: String, caption: String, price: String, cost_price: String, market_price: String, stock: Int, is_launched: Bool, options: [Int]

        init(_ sku: AdminSKUDTO) {
            name = sku.name; caption = sku.caption; price = sku.price; cost_price = sku.cost_price; market_price = sku.market_price
            stock = sku.stock; is_launched = sku.is_launched; options = sku.options
        }
    }
}
