import FluentKit
import Foundation
import SQLKit

/// Likes of posts and comments, follows of people and topics (seed 001 `NewsFavorRecord`, `CommentFavorRecord`,
/// `UserInfo.follow`, `Topic.count`): each once per user, its counters moving only when the record does
/// (`CountedRecords`). Liking twice is liking once; unliking what one never liked changes nothing.
struct CommunitySocial: Sendable {
    let services: AppServices

    func favorNews(_ newsID: Int, userID: Int, on: Bool) async throws -> FavorDTO {
        guard try await services.sql().raw("SELECT id FROM community_news WHERE id = \(bind: newsID) AND is_hidden = \(bind: false)").first() != nil else {
            throw APIError.notFound
        }
        let counter = CountedRecords.Counter(table: "community_news", key: "id", column: "favor_count", id: newsID)
        try await toggle(CountedRecords.newsFavors, subject: newsID, user: userID, counters: [counter], on: on)
        return FavorDTO(favored: on, favor_count: try await count(counter))
    }

    func favorComment(_ commentID: Int, userID: Int, on: Bool) async throws -> FavorDTO {
        guard try await services.sql().raw("""
            SELECT c.id FROM community_comments c JOIN community_news n ON n.id = c.news_id
            WHERE c.id = \(bind: commentID) AND c.is_hidden = \(bind: false) AND n.is_hidden = \(bind: false)
            """).first() != nil else { throw APIError.notFound }
        let counter = CountedRecords.Counter(table: "community_comments", key: "id", column: "favor_count", id: commentID)
        try await toggle(CountedRecords.commentFavors, subject: commentID, user: userID, counters: [counter], on: on)
        return FavorDTO(favored: on, favor_count: try await count(counter))
    }

    /// Follows (or unfollows) someone: their fans and my follows move together.
    func follow(_ followeeID: Int, userID: Int, on: Bool) async throws -> FollowDTO {
        guard followeeID != userID else { throw APIError.field("user", "不能关注自己。") }
        guard try await services.sql().raw("SELECT id FROM users WHERE id = \(bind: followeeID)").first() != nil else { throw APIError.notFound }
        let fans = CountedRecords.Counter(table: "community_profiles", key: "user_id", column: "fans_count", id: followeeID, upsert: true)
        let follows = CountedRecords.Counter(table: "community_profiles", key: "user_id", column: "follow_count", id: userID, upsert: true)
        try await toggle(CountedRecords.follows, subject: followeeID, user: userID, counters: [fans, follows], on: on)
        return FollowDTO(followed: on, fans_count: try await count(fans))
    }

    func followTopic(_ topicID: Int, userID: Int, on: Bool) async throws -> TopicDTO {
        guard let title = try await services.sql().raw("SELECT title FROM community_topics WHERE id = \(bind: topicID)").first()?
            .decode(column: "title", as: String.self) else { throw APIError.notFound }
        let counter = CountedRecords.Counter(table: "community_topics", key: "id", column: "follow_count", id: topicID)
        try await toggle(CountedRecords.topicFollows, subject: topicID, user: userID, counters: [counter], on: on)
        return TopicDTO(id: topicID, title: title, follow_count: try await count(counter), followed: on)
    }

    func toggle(_ records: CountedRecords, subject: Int, user: Int, counters: [CountedRecords.Counter], on: Bool) async throws {
        do {
            if on {
                _ = try await records.add(subject: subject, user: user, counters: counters, on: services.db(), now: services.clock.now())
            } else {
                _ = try await records.remove(subject: subject, user: user, counters: counters, on: services.db())
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The post or comment was deleted between the check and the like: as if it had never been there.
            throw APIError.notFound
        }
    }

    func count(_ counter: CountedRecords.Counter) async throws -> Int {
        try await services.sql().raw("""
            SELECT \(ident: counter.column) AS n FROM \(ident: counter.table) WHERE \(ident: counter.key) = \(bind: counter.id)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Topics, the most followed first, and which I follow.
    func topics(viewer: Int?) async throws -> [TopicDTO] {
        let rows = try await services.readSQL().raw("SELECT id, title, follow_count FROM community_topics ORDER BY follow_count DESC, id").all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        var followed = Set<Int>()
        if let viewer { followed = try await CountedRecords.topicFollows.has(user: viewer, subjects: ids, on: services.readSQL()) }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            return TopicDTO(id: id, title: try row.decode(column: "title", as: String.self), follow_count: try row.decode(column: "follow_count", as: Int.self),
                            followed: followed.contains(id))
        }
    }

    /// A profile's columns of `u` (users) and `p` (community_profiles); a query adds its FROM.
    static let profileColumns: SQLQueryString = """
        u.id, u.username, COALESCE(p.fans_count, 0) AS fans_count, COALESCE(p.follow_count, 0) AS follow_count,
        (SELECT COUNT(*) FROM community_news n WHERE n.user_id = u.id AND n.is_hidden = false) AS news_count
        """

    static func profile(_ row: any SQLRow, followed: Bool) throws -> CommunityProfileDTO {
        CommunityProfileDTO(id: try row.decode(column: "id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                            fans_count: try row.decode(column: "fans_count", as: Int.self), follow_count: try row.decode(column: "follow_count", as: Int.self),
                            news_count: try row.decode(column: "news_count", as: Int.self), followed: followed)
    }

    /// Someone's community page.
    func profile(_ userID: Int, viewer: Int?) async throws -> CommunityProfileDTO {
        guard let row = try await services.readSQL().raw("""
            SELECT \(Self.profileColumns) FROM users u LEFT JOIN community_profiles p ON p.user_id = u.id WHERE u.id = \(bind: userID)
            """).first() else { throw APIError.notFound }
        var followed = false
        if let viewer, viewer != userID { followed = try await !CountedRecords.follows.has(user: viewer, subjects: [userID], on: services.readSQL()).isEmpty }
        return try Self.profile(row, followed: followed)
    }

    /// The people `userID` follows, the latest first, in one query.
    func following(_ userID: Int) async throws -> [CommunityProfileDTO] {
        try await services.readSQL().raw("""
            SELECT \(Self.profileColumns) FROM community_follows f JOIN users u ON u.id = f.followee_id
            LEFT JOIN community_profiles p ON p.user_id = u.id
            WHERE f.follower_id = \(bind: userID) ORDER BY f.id DESC LIMIT 200
            """).all().map { try Self.profile($0, followed: true) }
    }
}
