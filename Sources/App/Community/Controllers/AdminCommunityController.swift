import Hummingbird
import MeiduoRules

/// The back office's 社区: posts (hidden ones too) by content or author, a post's comments, hiding and showing a post
/// or a comment, and new topics. Writes go through the `community.write` door, which audits them.
struct AdminCommunityController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        let read = routes.staff(.community, .read), write = routes.staff(.community, .write)
        read.get("admin/api/community/news", use: news)
        read.get("admin/api/community/news/:id/comments", use: comments)
        write.put("admin/api/community/news/:id", use: { try await hide($0, $1, table: "community_news", label: "动态") })
        write.put("admin/api/community/comments/:id", use: { try await hide($0, $1, table: "community_comments", label: "评论") })
        write.post("admin/api/community/topics", use: createTopic)
    }

    /// `?q=` (words of the content, or an author's exact username), `?cursor=`.
    @Sendable func news(_ request: Request, context: AppRequestContext) async throws -> CursorPage<NewsDTO> {
        var filter = CommunityFeed.Filter(includeHidden: true)
        filter.search = request.uri.queryParameters.get("q").map { String($0.prefix(50)) }
        return try await CommunityFeed(services: services).page(try CommunityController.cursor(request), filter: filter, viewer: nil)
    }

    @Sendable func comments(_ request: Request, context: AppRequestContext) async throws -> CursorPage<NewsCommentDTO> {
        try await CommunityComments(services: services).roots(newsID: try context.pathID(), cursor: try CommunityController.cursor(request),
                                                              viewer: nil, staff: true)
    }

    /// `{hidden: true|false}`.
    func hide(_ request: Request, _ context: AppRequestContext, table: String, label: String) async throws -> MessageDTO {
        let id = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let hidden = form.bool("hidden")
        try form.finish()
        let before = try await CommunityModeration(services: services).setHidden(table: table, id: id, hidden: hidden!)
        context.audit?.record(target: table, id: id, before: ["hidden": before], after: ["hidden": hidden!],
                              summary: "\(hidden! ? "隐藏" : "恢复显示")\(label) #\(id)")
        return MessageDTO(message: "OK")
    }

    /// `{title}` → the new topic (201).
    @Sendable func createTopic(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<TopicDTO> {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let title = form.string("title", maxLength: 32)
        try form.finish()
        let topic = try await CommunityModeration(services: services).createTopic(title: title!.trimmingCharacters(in: .whitespaces))
        context.audit?.record(target: "community_topics", id: topic.id, after: ["title": topic.title], summary: "新建话题 \(topic.title)")
        return EditedResponse(status: .created, response: topic)
    }
}
