import Foundation
import Hummingbird
import MeiduoRules

/// The category tree and the brands in the back office (`catalog.read` / `catalog.write`):
/// `GET/POST /admin/api/categories/`, `PUT/DELETE /admin/api/categories/<id>/`, `GET/POST /admin/api/brands/`,
/// `PUT/DELETE /admin/api/brands/<id>/` (a brand no SPU carries).
struct AdminCategoriesController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        let read = routes.staff(.catalog, .read), write = routes.staff(.catalog, .write)
        read.get("admin/api/categories", use: categories)
        write.post("admin/api/categories", use: createCategory)
        write.put("admin/api/categories/:id", use: renameCategory)
        write.delete("admin/api/categories/:id", use: deleteCategory)
        read.get("admin/api/brands", use: brands)
        write.post("admin/api/brands", use: createBrand)
        write.put("admin/api/brands/:id", use: updateBrand)
        write.delete("admin/api/brands/:id", use: deleteBrand)
    }

    var editor: CategoryEditor { CategoryEditor(services: services) }

    @Sendable func categories(_ request: Request, context: AppRequestContext) async throws -> [AdminCategoryDTO] {
        try await editor.list()
    }

    /// `{name, parent_id?}`: at the top, or under a first- or second-level category.
    @Sendable func createCategory(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminCategoryDTO> {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 10)
        let parent = form.int("parent_id", required: false, min: 1, max: Int(Int32.max))
        try form.finish()
        let category = try await editor.create(name: name!, parentID: parent)
        context.audit?.record(target: "goods_categories", id: category.id, after: category, summary: "新建分类 \(category.name)")
        return EditedResponse(status: .created, response: category)
    }

    /// `{name}`.
    @Sendable func renameCategory(_ request: Request, context: AppRequestContext) async throws -> AdminCategoryDTO {
        let id = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 10)
        try form.finish()
        let before = try await editor.category(id)
        let after = try await editor.rename(id, to: name!)
        context.audit?.record(target: "goods_categories", id: id, before: before, after: after, summary: "分类改名 \(before.name) → \(after.name)")
        return after
    }

    @Sendable func deleteCategory(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID()
        let before = try await editor.category(id)
        try await editor.delete(id)
        context.audit?.record(target: "goods_categories", id: id, before: before, summary: "删除分类 \(before.name)")
        return Response(status: .noContent)
    }

    @Sendable func brands(_ request: Request, context: AppRequestContext) async throws -> [AdminBrandDTO] {
        try await editor.brands()
    }

    /// `{name, first_letter}` (the letter the brand list files it under).
    @Sendable func createBrand(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminBrandDTO> {
        let (name, letter) = try await brandForm(request, context: context)
        let brand = try await editor.saveBrand(id: nil, name: name, firstLetter: letter)
        context.audit?.record(target: "brands", id: brand.id, after: brand, summary: "新建品牌 \(brand.name)")
        return EditedResponse(status: .created, response: brand)
    }

    @Sendable func updateBrand(_ request: Request, context: AppRequestContext) async throws -> AdminBrandDTO {
        let id = try context.pathID()
        let (name, letter) = try await brandForm(request, context: context)
        let before = try await editor.brand(id)
        let after = try await editor.saveBrand(id: id, name: name, firstLetter: letter)
        context.audit?.record(target: "brands", id: id, before: before, after: after, summary: "修改品牌 \(after.name)")
        return after
    }

    @Sendable func deleteBrand(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID()
        let before = try await editor.brand(id)
        try await CatalogRemoval(services: services).deleteBrand(id)
        context.audit?.record(target: "brands", id: id, before: before, summary: "删除品牌 \(before.name)")
        return Response(status: .noContent)
    }

    func brandForm(_ request: Request, context: AppRequestContext) async throws -> (String, String) {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 20)
        let letter = form.string("first_letter", maxLength: 1)
        if let letter, !letter.allSatisfy({ $0.isASCII && $0.isLetter }) { form.errors.add("first_letter", "请填写一个英文字母。") }
        try form.finish()
        return (name!, letter!.uppercased())
    }
}
