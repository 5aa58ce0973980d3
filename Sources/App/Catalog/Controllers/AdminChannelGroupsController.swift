import Foundation
import Hummingbird

/// The menu's channel groups in the back office: `GET /admin/api/channel-groups/`, `PUT …/<n>/ {name}` names group n
/// (1 … 100), `DELETE …/<n>/` drops the name of a group without channels. Audited like every catalog write.
struct AdminChannelGroupsController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.staff(.catalog, .read).get("admin/api/channel-groups", use: list)
        routes.staff(.catalog, .write).put("admin/api/channel-groups/:id", use: name)
        routes.staff(.catalog, .write).delete("admin/api/channel-groups/:id", use: delete)
    }

    var groups: ChannelGroups { ChannelGroups(services: services) }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> [AdminChannelGroupDTO] {
        try await groups.list()
    }

    @Sendable func name(_ request: Request, context: AppRequestContext) async throws -> AdminChannelGroupDTO {
        let id = try groupNumber(context)
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 20)
        try form.finish()
        let before = try await groups.group(id)
        try await groups.name(id, name!)
        guard let after = try await groups.group(id) else { throw APIError.notFound }
        context.audit?.record(target: "goods_channel_groups", id: id, before: before, after: after, summary: "频道组 \(id) 命名为 \(after.name)")
        return after
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try groupNumber(context)
        let before = try await groups.group(id)
        try await groups.delete(id)
        context.audit?.record(target: "goods_channel_groups", id: id, before: before, summary: "删除频道组 \(id) 的名称")
        return Response(status: .noContent)
    }

    /// The group's number from the path: 1 … 100, as a channel's `group_id`; anything else is no such group.
    func groupNumber(_ context: AppRequestContext) throws -> Int {
        let id = try context.pathID()
        guard ChannelGroups.numbers.contains(id) else { throw APIError.notFound }
        return id
    }
}
