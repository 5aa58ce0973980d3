import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Reading the feed (seed 001 动态): pages of posts newest first, cut by the last id seen, for everyone, a topic, the
/// people I follow or one author; a post's own page, which counts my view once. Hidden posts show to staff only.
struct CommunityFeed: Sendable {
    let services: AppServices

    struct Filter: Sendable {
        var topicID: Int?
        /// Posts by the people this user follows.
        var followedBy: Int?
        var authorID: Int?
        /// Staff: hidden posts too, and a search in the content.
        var includeHidden = false
        var search: String?
    }

    /// The post columns and the tables they come from; a query adds its WHERE.
    static let postsFrom: SQLQueryString = """
        n.id, n.user_id, u.username, n.topic_id, t.title AS topic_title, n.content, n.cover, n.address, n.favor_count,
        n.viewer_count, n.comment_count, n.is_hidden, n.create_time
        FROM community_news n JOIN users u ON u.id = n.user_id LEFT JOIN community_topics t ON t.id = n.topic_id
        """

    func page(_ cursor: FeedCursor, filter: Filter, viewer: Int?) async throws -> CursorPage<NewsDTO> {
        var query: SQLQueryString = """
            SELECT \(Self.postsFrom) WHERE 1 = 1
            """
        if !filter.includeHidden { query.appendInterpolation(" AND n.is_hidden = \(bind: false)" as SQLQueryString) }
        if let before = cursor.lastSeen { query.appendInterpolation(" AND n.id < \(bind: before)" as SQLQueryString) }
        if let topic = filter.topicID { query.appendInterpolation(" AND n.topic_id = \(bind: topic)" as SQLQueryString) }
        if let author = filter.authorID { query.appendInterpolation(" AND n.user_id = \(bind: author)" as SQLQueryString) }
        if let follower = filter.followedBy {
            query.appendInterpolation(" AND n.user_id IN (SELECT followee_id FROM community_follows WHERE follower_id = \(bind: follower))" as SQLQueryString)
        }
        if let search = filter.search, !search.isEmpty {
            query.appendInterpolation(" AND (n.content LIKE \(bind: "%" + search + "%") OR u.username = \(bind: search))" as SQLQueryString)
        }
        query.appendInterpolation(" ORDER BY n.id DESC LIMIT \(literal: cursor.size + 1)" as SQLQueryString)
        let rows = try await services.readSQL().raw(query).all()
        let posts = try await news(rows.prefix(cursor.size), viewer: viewer, staff: filter.includeHidden)
        return CursorPage(results: posts, next_cursor: cursor.next(after: try rows.map { try $0.decode(column: "id", as: Int.self) }))
    }

    /// One post's page; a signed-in viewer's first look counts (unless `countView` is false: a refresh after liking).
    func detail(id: Int, viewer: Int?, countView: Bool, staff: Bool = false) async throws -> NewsDetailDTO {
        guard var row = try await post(id) else { throw APIError.notFound }
        let hidden = try row.decode(column: "is_hidden", as: Bool.self)
        guard staff || !hidden else { throw APIError.notFound }
        if let viewer, countView,
           try await CountedRecords.views.add(subject: id, user: viewer, counters: [.init(table: "community_news", key: "id", column: "viewer_count", id: id)],
                                              on: services.db(), now: services.clock.now()) {
            // This look counted: read the post again so the count shown includes it.
            row = try await post(id) ?? row
        }
        let post = try await news([row], viewer: viewer, staff: staff)[0]
        let likers = try await services.readSQL().raw("""
            SELECT u.id, u.username FROM community_news_favors f JOIN users u ON u.id = f.user_id
            WHERE f.news_id = \(bind: id) ORDER BY f.id DESC LIMIT 8
            """).all().map { CommunityUserDTO(id: try $0.decode(column: "id", as: Int.self), username: try $0.decode(column: "username", as: String.self)) }
        var following = false
        if let viewer, viewer != post.user.id {
            following = try await !CountedRecords.follows.has(user: viewer, subjects: [post.user.id], on: services.readSQL()).isEmpty
        }
        return NewsDetailDTO(news: post, favor_users: likers, following_author: following, mine: viewer == post.user.id)
    }

    /// One post's row of `postsFrom`, hidden or not (from the writer: a view just counted shows).
    func post(_ id: Int) async throws -> (any SQLRow)? {
        try await services.sql().raw("SELECT \(Self.postsFrom) WHERE n.id = \(bind: id)").first()
    }

    /// Rows of `postsFrom` as posts, with their pictures and whether `viewer` liked each.
    func news(_ rows: some Collection<any SQLRow>, viewer: Int?, staff: Bool) async throws -> [NewsDTO] {
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        guard !ids.isEmpty else { return [] }
        var pictures: [Int: [String]] = [:]
        for row in try await services.readSQL().raw("""
            SELECT news_id, key FROM community_news_details WHERE news_id IN (\(SQLList(ids.map { SQLBind($0) }))) ORDER BY news_id, sequence
            """).all() {
            pictures[try row.decode(column: "news_id", as: Int.self), default: []].append(services.storage.imageURL(try row.decode(column: "key", as: String.self)))
        }
        var favored = Set<Int>()
        if let viewer { favored = try await CountedRecords.newsFavors.has(user: viewer, subjects: ids, on: services.readSQL()) }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            let topic = try row.decode(column: "topic_id", as: Int?.self).map { TopicRefDTO(id: $0, title: try row.decode(column: "topic_title", as: String.self)) }
            let cover = try row.decode(column: "cover", as: String.self)
            return NewsDTO(id: id, user: CommunityUserDTO(id: try row.decode(column: "user_id", as: Int.self), username: try row.decode(column: "username", as: String.self)),
                           content: try row.decode(column: "content", as: String.self), cover: services.storage.imageURL(cover),
                           pictures: pictures[id] ?? [], topic: topic, address: try row.decode(column: "address", as: String?.self),
                           favor_count: try row.decode(column: "favor_count", as: Int.self), viewer_count: try row.decode(column: "viewer_count", as: Int.self),
                           comment_count: try row.decode(column: "comment_count", as: Int.self), create_time: try row.decode(column: "create_time", as: Date.self),
                           favored: favored.contains(id), hidden: staff ? try row.decode(column: "is_hidden", as: Bool.self) : nil)
        }
    }
}
