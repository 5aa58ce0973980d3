import Hummingbird
import MeiduoRules

/// The community feed of the auction app (seed 001 动态) under `/community/`: posts with pictures, topics, likes,
/// views, threaded comments and follows. Reading is open (a signed-in reader also sees what they liked); writing
/// needs a login.
struct CommunityController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("community/topics", use: topics)
        routes.open.get("community/news", use: feed)
        routes.open.get("community/news/:id", use: detail)
        routes.open.get("community/news/:id/comments", use: comments)
        routes.open.get("community/comments/:id/replies", use: replies)
        routes.open.get("community/users/:id", use: profile)
        routes.user.post("community/pictures", use: upload)
        routes.user.post("community/news", use: publish)
        routes.user.delete("community/news/:id", use: delete)
        routes.user.post("community/news/:id/favor", use: { try await favorNews($0, $1, on: true) })
        routes.user.delete("community/news/:id/favor", use: { try await favorNews($0, $1, on: false) })
        routes.user.post("community/comments", use: comment)
        routes.user.post("community/comments/:id/favor", use: { try await favorComment($0, $1, on: true) })
        routes.user.delete("community/comments/:id/favor", use: { try await favorComment($0, $1, on: false) })
        routes.user.post("community/users/:id/follow", use: { try await follow($0, $1, on: true) })
        routes.user.delete("community/users/:id/follow", use: { try await follow($0, $1, on: false) })
        routes.user.get("community/follows", use: following)
        routes.user.post("community/topics/:id/follow", use: { try await followTopic($0, $1, on: true) })
        routes.user.delete("community/topics/:id/follow", use: { try await followTopic($0, $1, on: false) })
    }

    var social: CommunitySocial { CommunitySocial(services: services) }

    static func cursor(_ request: Request) throws -> FeedCursor {
        let query = request.uri.queryParameters
        guard let cursor = FeedCursor.parse(cursor: query.get("cursor").map { String($0) }, size: query.get("page_size").map { String($0) }) else {
            throw APIError.field("cursor", "无效的游标。")
        }
        return cursor
    }

    @Sendable func topics(_ request: Request, context: AppRequestContext) async throws -> [TopicDTO] {
        try await social.topics(viewer: context.optionalUser?.id)
    }

    /// `?topic=<id>`, `?following=1` (the people I follow: needs a login), `?user=<id>` (one author's; mine with my id).
    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> CursorPage<NewsDTO> {
        let query = request.uri.queryParameters
        var filter = CommunityFeed.Filter()
        if let raw = query.get("topic"), !raw.isEmpty {
            guard let topic = Int(raw), topic > 0, topic <= Int(Int32.max) else { throw APIError.field("topic", "无效的话题。") }
            filter.topicID = topic
        }
        if let raw = query.get("user"), !raw.isEmpty {
            guard let user = Int(raw), user > 0, user <= Int(Int32.max) else { throw APIError.field("user", "无效的用户。") }
            filter.authorID = user
        }
        if ["1", "true"].contains(query.get("following") ?? "") { filter.followedBy = try context.requireUser().id }
        return try await CommunityFeed(services: services).page(try Self.cursor(request), filter: filter, viewer: context.optionalUser?.id)
    }

    /// A post's page; a signed-in reader's first look counts as a view (`?refresh=1` re-reads without counting).
    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> NewsDetailDTO {
        let refresh = ["1", "true"].contains(request.uri.queryParameters.get("refresh") ?? "")
        return try await CommunityFeed(services: services).detail(id: try context.pathID(), viewer: context.optionalUser?.id, countView: !refresh)
    }

    @Sendable func comments(_ request: Request, context: AppRequestContext) async throws -> CursorPage<NewsCommentDTO> {
        try await CommunityComments(services: services).roots(newsID: try context.pathID(), cursor: try Self.cursor(request), viewer: context.optionalUser?.id)
    }

    @Sendable func replies(_ request: Request, context: AppRequestContext) async throws -> CursorPage<NewsCommentDTO> {
        try await CommunityComments(services: services).replies(rootID: try context.pathID(), cursor: try Self.cursor(request), viewer: context.optionalUser?.id)
    }

    @Sendable func profile(_ request: Request, context: AppRequestContext) async throws -> CommunityProfileDTO {
        try await social.profile(try context.pathID(), viewer: context.optionalUser?.id)
    }

    /// The body is the picture itself; answers its key (for the post) and URL (for the preview).
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<UploadedPictureDTO> {
        EditedResponse(status: .created, response: try await CommunityPosts(services: services).upload(request, userID: try context.requireUser().id))
    }

    /// `{content, topic?, address?, pictures: [key…]}` → the new post's page (201).
    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<NewsDetailDTO> {
        let user = try context.requireUser()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let content = form.string("content", required: false, allowBlank: true, maxLength: CommunityRules.maxContentLength) ?? ""
        let topic = form.int("topic", required: false, min: 1, max: Int(Int32.max))
        let address = form.string("address", required: false, allowBlank: true, maxLength: CommunityRules.maxAddressLength)
        let pictures = form.strings("pictures", required: false, maxCount: CommunityRules.maxPictures, maxLength: 300) ?? []
        try form.finish()
        let draft = CommunityPosts.Draft(content: content, topicID: topic, address: address?.isEmpty == true ? nil : address, pictures: pictures)
        let id = try await CommunityPosts(services: services).publish(draft, userID: user.id)
        return EditedResponse(status: .created, response: try await CommunityFeed(services: services).detail(id: id, viewer: user.id, countView: false))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await CommunityPosts(services: services).delete(newsID: try context.pathID(), userID: try context.requireUser().id)
        return Response(status: .noContent)
    }

    func favorNews(_ request: Request, _ context: AppRequestContext, on: Bool) async throws -> FavorDTO {
        try await social.favorNews(try context.pathID(), userID: try context.requireUser().id, on: on)
    }

    /// `{news, content, reply?}`: a comment on the post, or a reply to one of its comments (201).
    @Sendable func comment(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<NewsCommentDTO> {
        let user = try context.requireUser()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let news = form.int("news", min: 1, max: Int(Int32.max))
        let content = form.string("content", maxLength: CommunityRules.maxContentLength)
        let reply = form.int("reply", required: false, min: 1, max: Int(Int32.max))
        try form.finish()
        return EditedResponse(status: .created, response: try await CommunityComments(services: services)
            .comment(newsID: news!, userID: user.id, content: content!, replyID: reply))
    }

    func favorComment(_ request: Request, _ context: AppRequestContext, on: Bool) async throws -> FavorDTO {
        try await social.favorComment(try context.pathID(), userID: try context.requireUser().id, on: on)
    }

    func follow(_ request: Request, _ context: AppRequestContext, on: Bool) async throws -> FollowDTO {
        try await social.follow(try context.pathID(), userID: try context.requireUser().id, on: on)
    }

    @Sendable func following(_ request: Request, context: AppRequestContext) async throws -> [CommunityProfileDTO] {
        try await social.following(try context.requireUser().id)
    }

    func followTopic(_ request: Request, _ context: AppRequestContext, on: Bool) async throws -> TopicDTO {
        try await social.followTopic(try context.pathID(), userID: try context.requireUser().id, on: on)
    }
}
