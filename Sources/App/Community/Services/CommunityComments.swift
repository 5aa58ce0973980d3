import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Comments on posts as threads (seed 001 `CommentRecord`): a root comment with its first replies, then more replies
/// of a root on request. The server sets a reply's depth and root (`CommentPlace`).
struct CommunityComments: Sendable {
    let services: AppServices
    /// Replies shown under each root comment of a page.
    static let firstReplies = 2

    /// Comments on a visible post (or replies to a visible comment of it); the post's comment count moves with it.
    func comment(newsID: Int, userID: Int, content: String, replyID: Int?) async throws -> NewsCommentDTO {
        let text = content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw APIError.field("content", "请输入评论内容。") }
        guard content.count <= CommunityRules.maxContentLength else { throw APIError.field("content", "评论最多\(CommunityRules.maxContentLength)个字。") }
        let now = services.clock.now()
        let id: Int
        do {
            id = try await insert(newsID: newsID, userID: userID, content: content, replyID: replyID, now: now)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The post (or the comment answered) was deleted between the check and the insert.
            throw APIError.field("news", "动态不存在。")
        }
        return try await comments(where: "c.id = \(bind: id)", viewer: userID, staff: false)[0]
    }

    func insert(newsID: Int, userID: Int, content: String, replyID: Int?, now: Date) async throws -> Int {
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard try await sql.raw("SELECT id FROM community_news WHERE id = \(bind: newsID) AND is_hidden = \(bind: false)").first() != nil else {
                throw APIError.field("news", "动态不存在。")
            }
            var answered: (id: Int, depth: Int, rootID: Int?)?
            if let replyID {
                guard let row = try await sql.raw("""
                    SELECT id, depth, root_id FROM community_comments WHERE id = \(bind: replyID) AND news_id = \(bind: newsID) AND is_hidden = \(bind: false)
                    """).first() else { throw APIError.field("reply", "回复的评论不存在。") }
                answered = (replyID, try row.decode(column: "depth", as: Int.self), try row.decode(column: "root_id", as: Int?.self))
            }
            let place = CommentPlace.of(replyingTo: answered)
            let id = try await sql.raw("""
                INSERT INTO community_comments (news_id, user_id, content, reply_id, root_id, depth, favor_count, is_hidden, create_time, update_time)
                VALUES (\(bind: newsID), \(bind: userID), \(bind: content), \(bind: replyID), \(bind: place.rootID), \(bind: place.depth), 0,
                        \(bind: false), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await sql.raw("UPDATE community_news SET comment_count = comment_count + 1 WHERE id = \(bind: newsID)").run()
            return id
        }
    }

    /// Root comments of a post, newest first, each with its first replies and how many it has.
    func roots(newsID: Int, cursor: FeedCursor, viewer: Int?, staff: Bool = false) async throws -> CursorPage<NewsCommentDTO> {
        guard try await services.readSQL().raw("""
            SELECT id FROM community_news WHERE id = \(bind: newsID)\(staff ? "" : " AND is_hidden = false" as SQLQueryString)
            """).first() != nil else { throw APIError.notFound }
        var condition: SQLQueryString = "c.news_id = \(bind: newsID) AND c.root_id IS NULL"
        if let last = cursor.lastSeen { condition.appendInterpolation(" AND c.id < \(bind: last)" as SQLQueryString) }
        var roots = try await comments(where: condition, viewer: viewer, staff: staff, newestFirst: true, limit: cursor.size + 1)
        let next = cursor.next(after: roots.map(\.id))
        roots = Array(roots.prefix(cursor.size))
        guard !roots.isEmpty else { return CursorPage(results: [], next_cursor: nil) }
        let ids = SQLList(roots.map { SQLBind($0.id) })
        var counts: [Int: Int] = [:]
        var hiddenFilter: SQLQueryString = ""
        if !staff { hiddenFilter = " AND is_hidden = \(bind: false)" }
        for row in try await services.readSQL().raw("""
            SELECT root_id, COUNT(*) AS n FROM community_comments WHERE root_id IN (\(ids))\(hiddenFilter) GROUP BY root_id
            """).all() {
            counts[try row.decode(column: "root_id", as: Int.self)] = try row.decode(column: "n", as: Int.self)
        }
        // The first replies of every root at once: numbered within their thread, oldest first.
        let firstIDs = try await services.readSQL().raw("""
            SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY root_id ORDER BY id) AS place
                            FROM community_comments WHERE root_id IN (\(ids))\(hiddenFilter)) numbered
            WHERE place <= \(literal: Self.firstReplies)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let replies = firstIDs.isEmpty ? [] : try await comments(where: "c.id IN (\(SQLList(firstIDs.map { SQLBind($0) })))", viewer: viewer, staff: staff)
        for i in roots.indices {
            roots[i].replies = replies.filter { $0.root_id == roots[i].id }
            roots[i].reply_count = counts[roots[i].id] ?? 0
        }
        return CursorPage(results: roots, next_cursor: next)
    }

    /// More replies of a root comment, oldest first, after the last one seen.
    func replies(rootID: Int, cursor: FeedCursor, viewer: Int?) async throws -> CursorPage<NewsCommentDTO> {
        guard try await services.readSQL().raw("""
            SELECT c.id FROM community_comments c JOIN community_news n ON n.id = c.news_id
            WHERE c.id = \(bind: rootID) AND c.root_id IS NULL AND c.is_hidden = \(bind: false) AND n.is_hidden = \(bind: false)
            """).first() != nil else { throw APIError.notFound }
        var condition: SQLQueryString = "c.root_id = \(bind: rootID)"
        if let last = cursor.lastSeen { condition.appendInterpolation(" AND c.id > \(bind: last)" as SQLQueryString) }
        let rows = try await comments(where: condition, viewer: viewer, staff: false, limit: cursor.size + 1)
        return CursorPage(results: Array(rows.prefix(cursor.size)), next_cursor: cursor.next(after: rows.map(\.id)))
    }

    /// Comments matching `condition` (on `c`), visible ones unless `staff`, with their authors and whom they answer.
    func comments(where condition: SQLQueryString, viewer: Int?, staff: Bool, newestFirst: Bool = false, limit: Int? = nil) async throws -> [NewsCommentDTO] {
        var query: SQLQueryString = """
            SELECT c.id, c.news_id, c.user_id, u.username, c.content, c.reply_id, ru.id AS reply_user_id, ru.username AS reply_username,
                   c.root_id, c.depth, c.favor_count, c.is_hidden, c.create_time
            FROM community_comments c JOIN users u ON u.id = c.user_id
            LEFT JOIN community_comments r ON r.id = c.reply_id LEFT JOIN users ru ON ru.id = r.user_id
            WHERE \(condition)
            """
        if !staff { query.appendInterpolation(" AND c.is_hidden = \(bind: false)" as SQLQueryString) }
        query.appendInterpolation(newestFirst ? " ORDER BY c.id DESC" : " ORDER BY c.id")
        if let limit { query.appendInterpolation(" LIMIT \(literal: limit)" as SQLQueryString) }
        let rows = try await services.readSQL().raw(query).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        var favored = Set<Int>()
        if let viewer { favored = try await CountedRecords.commentFavors.has(user: viewer, subjects: ids, on: services.readSQL()) }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            let replyTo = try row.decode(column: "reply_user_id", as: Int?.self).map {
                CommunityUserDTO(id: $0, username: try row.decode(column: "reply_username", as: String.self))
            }
            return NewsCommentDTO(id: id, news_id: try row.decode(column: "news_id", as: Int.self),
                              user: CommunityUserDTO(id: try row.decode(column: "user_id", as: Int.self), username: try row.decode(column: "username", as: String.self)),
                              content: try row.decode(column: "content", as: String.self), reply_id: try row.decode(column: "reply_id", as: Int?.self),
                              reply_to: replyTo, root_id: try row.decode(column: "root_id", as: Int?.self), depth: try row.decode(column: "depth", as: Int.self),
                              favor_count: try row.decode(column: "favor_count", as: Int.self), favored: favored.contains(id),
                              create_time: try row.decode(column: "create_time", as: Date.self), replies: nil, reply_count: nil,
                              hidden: staff ? try row.decode(column: "is_hidden", as: Bool.self) : nil)
        }
    }
}
