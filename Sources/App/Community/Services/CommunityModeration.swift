import Foundation
import SQLKit

/// Staff hiding posts and comments (the back office's 社区): a hidden one is gone from the feed, its page and its
/// thread for everyone but staff; its records stay, so showing it again restores it as it was (a hidden comment leaves
/// its post's comment count, and comes back to it).
struct CommunityModeration: Sendable {
    let services: AppServices

    /// Sets `is_hidden` of a post or comment; answers what it was. A post's `comment_count` counts the comments not
    /// hidden: it moves with a comment's state, in the same transaction and only when the state changed.
    func setHidden(table: String, id: Int, hidden: Bool) async throws -> Bool {
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard let before = try await sql.raw("SELECT is_hidden FROM \(ident: table) WHERE id = \(bind: id)").first()?
                .decode(column: "is_hidden", as: Bool.self) else { throw APIError.notFound }
            let changed = try await sql.raw("""
                UPDATE \(ident: table) SET is_hidden = \(bind: hidden), update_time = \(bind: services.clock.now())
                WHERE id = \(bind: id) AND is_hidden = \(bind: !hidden) RETURNING id
                """).first() != nil
            if changed, table == "community_comments" {
                try await sql.raw("""
                    UPDATE community_news SET comment_count = comment_count + \(bind: hidden ? -1 : 1)
                    WHERE id = (SELECT news_id FROM community_comments WHERE id = \(bind: id))
                    """).run()
            }
            return before
        }
    }

    /// A new topic (titles are unique).
    func createTopic(title: String) async throws -> TopicDTO {
        let now = services.clock.now()
        guard try await services.sql().raw("SELECT id FROM community_topics WHERE title = \(bind: title)").first() == nil else {
            throw APIError.field("title", "话题已存在。")
        }
        let id = try await services.sql().raw("""
            INSERT INTO community_topics (title, follow_count, create_time, update_time) VALUES (\(bind: title), 0, \(bind: now), \(bind: now))
            ON CONFLICT (title) DO NOTHING RETURNING id
            """).first()?.decode(column: "id", as: Int.self)
        guard let id else { throw APIError.field("title", "话题已存在。") }
        return TopicDTO(id: id, title: title, follow_count: 0, followed: false)
    }
}
