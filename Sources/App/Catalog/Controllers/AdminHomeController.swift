import Foundation
import Hummingbird
import MeiduoRules

/// The home page in the back office (`catalog.read` / `catalog.write`): ad slots and ads (`/admin/api/contents/`, a
/// picture uploaded as the body of `…/<id>/image/`) and the menu's channels (`/admin/api/channels/`).
struct AdminHomeController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        let read = routes.staff(.catalog, .read), write = routes.staff(.catalog, .write)
        read.get("admin/api/content-categories", use: slots)
        read.get("admin/api/contents", use: ads)
        write.post("admin/api/contents", use: createAd)
        write.put("admin/api/contents/:id", use: updateAd)
        write.delete("admin/api/contents/:id", use: deleteAd)
        write.post("admin/api/contents/:id/image", use: uploadAdImage)
        read.get("admin/api/channels", use: channels)
        write.post("admin/api/channels", use: createChannel)
        write.put("admin/api/channels/:id", use: updateChannel)
        write.delete("admin/api/channels/:id", use: deleteChannel)
    }

    var editor: HomeEditor { HomeEditor(services: services) }

    @Sendable func slots(_ request: Request, context: AppRequestContext) async throws -> [AdminContentCategoryDTO] { try await editor.slots() }

    /// `?category_id=` one slot's.
    @Sendable func ads(_ request: Request, context: AppRequestContext) async throws -> [AdminContentDTO] {
        var form = FormReader(RequestInput.query(of: request))
        let category = form.int("category_id", required: false, min: 1, max: Int(Int32.max))
        try form.finish()
        return try await editor.ads(categoryID: category)
    }

    @Sendable func createAd(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminContentDTO> {
        let id = try await editor.saveAd(id: nil, try await adFields(request, context: context))
        let created = try await editor.ad(id)
        context.audit?.record(target: "contents", id: id, after: created, summary: "新建广告 \(created.title)")
        return EditedResponse(status: .created, response: created)
    }

    @Sendable func updateAd(_ request: Request, context: AppRequestContext) async throws -> AdminContentDTO {
        let id = try context.pathID()
        let fields = try await adFields(request, context: context)
        let before = try await editor.ad(id)
        _ = try await editor.saveAd(id: id, fields)
        let after = try await editor.ad(id)
        context.audit?.record(target: "contents", id: id, before: before, after: after, summary: "修改广告 \(after.title)")
        return after
    }

    @Sendable func deleteAd(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID()
        let before = try await editor.ad(id)
        try await editor.deleteAd(id)
        context.audit?.record(target: "contents", id: id, before: before, summary: "删除广告 \(before.title)")
        return Response(status: .noContent)
    }

    @Sendable func uploadAdImage(_ request: Request, context: AppRequestContext) async throws -> AdminContentDTO {
        let id = try context.pathID()
        _ = try await editor.ad(id)
        let key = try await StaffUploads(services: services).store(request, folder: "ads")
        try await editor.setAdImage(id, key: key)
        context.audit?.record(target: "contents", id: id, after: ["image": key], summary: "上传广告图片")
        return try await editor.ad(id)
    }

    /// `{category_id, title, url, text?, sequence?, status?}`.
    func adFields(_ request: Request, context: AppRequestContext) async throws -> HomeEditor.AdFields {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let category = form.int("category_id", min: 1, max: Int(Int32.max))
        let title = form.string("title", maxLength: 100)
        let url = Self.link(&form)
        let text = form.string("text", required: false, allowBlank: true, maxLength: 500) ?? ""
        let sequence = form.int("sequence", required: false, min: 0, max: 10_000) ?? 0
        let status = form.bool("status", default: true)
        try form.finish()
        return HomeEditor.AdFields(categoryID: category!, title: title!, url: url!, text: text, sequence: sequence, status: status ?? true)
    }

    /// `url`: a page of the shop or an http(s) address (`LinkTarget`).
    static func link(_ form: inout FormReader) -> String? {
        let url = form.string("url", maxLength: 300)
        if let url, !LinkTarget.isAllowed(url) {
            form.errors.add("url", "请填写本站页面（以 / 开头）或 http(s):// 地址。")
            return nil
        }
        return url
    }

    @Sendable func channels(_ request: Request, context: AppRequestContext) async throws -> [AdminChannelDTO] { try await editor.channels() }

    @Sendable func createChannel(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminChannelDTO> {
        let id = try await editor.saveChannel(id: nil, try await channelFields(request, context: context))
        let created = try await channel(id)
        context.audit?.record(target: "goods_channels", id: id, after: created, summary: "新建频道 \(created.category)")
        return EditedResponse(status: .created, response: created)
    }

    @Sendable func updateChannel(_ request: Request, context: AppRequestContext) async throws -> AdminChannelDTO {
        let id = try context.pathID()
        let fields = try await channelFields(request, context: context)
        let before = try await channel(id)
        _ = try await editor.saveChannel(id: id, fields)
        let after = try await channel(id)
        context.audit?.record(target: "goods_channels", id: id, before: before, after: after, summary: "修改频道 \(after.category)")
        return after
    }

    @Sendable func deleteChannel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID()
        let before = try await channel(id)
        try await editor.deleteChannel(id)
        context.audit?.record(target: "goods_channels", id: id, before: before, summary: "删除频道 \(before.category)")
        return Response(status: .noContent)
    }

    func channel(_ id: Int) async throws -> AdminChannelDTO {
        guard let found = try await editor.channels().first(where: { $0.id == id }) else { throw APIError.notFound }
        return found
    }

    /// `{group_id, category_id, url, sequence?}`.
    func channelFields(_ request: Request, context: AppRequestContext) async throws -> HomeEditor.ChannelFields {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let group = form.int("group_id", min: 1, max: 100)
        let category = form.int("category_id", min: 1, max: Int(Int32.max))
        let url = Self.link(&form)
        let sequence = form.int("sequence", required: false, min: 0, max: 10_000) ?? 0
        try form.finish()
        return HomeEditor.ChannelFields(groupID: group!, categoryID: category!, url: url!, sequence: sequence)
    }
}
