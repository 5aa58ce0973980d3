import Foundation
import SQLKit

/// Staff hiding posts and comments (the back office's 社区): a hidden one is gone from the feed, its page and its
/// thread for everyone but staff; its records and counters stay, so showing it again restores it as it was.
struct CommunityModeration: Sendable {
    let services: AppServices

    /// Sets `is_hidden` of a post or comment; answers what it was.
    func setHidden(table: String, id: Int, hidden: Bool) async throws -> Bool {
        guard let before = try await services.sql().raw("SELECT is_hidden FROM \(ident: table) WHERE id = \(bind: id)").first()?
            .decode(column: "is_hidden", as: Bool.self) else { throw APIError.notFound }
        try await services.sql().raw("""
            UPDATE \(ident: table) SET is_hidden = \(bind: hidden), update_time = \(bind: services.clock.now()) WHERE id = \(bind: id)
            """).run()
        return before
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
