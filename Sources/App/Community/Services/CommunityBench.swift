import Foundation
import SQLKit

/// What `meiduo bench-community` and `bench-community-audit` do: fill the community through its own services, and
/// compare every counter with the records it counts.
public struct CommunityBench: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// Posts by `authors` in turn (drawn pictures on every third, a short thread on every second); answers their ids.
    public func fill(posts count: Int, authors: [Int]) async throws -> [Int] {
        let posts = CommunityPosts(services: services), comments = CommunityComments(services: services)
        var ids: [Int] = []
        for n in 0..<count {
            let author = authors[n % authors.count]
            var pictures: [String] = []
            if n % 3 == 0 {
                for p in 0..<3 {
                    let key = "community/bench/\(n)-\(p).svg"
                    try await services.storage.put(Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), key: key, contentType: "image/svg+xml")
                    pictures.append(key)
                }
            }
            let id = try await posts.insert(.init(content: "压测动态 \(n)：今天的拍品分享", pictures: pictures), userID: author)
            if n % 2 == 0 {
                let root = try await comments.comment(newsID: id, userID: authors[(n + 1) % authors.count], content: "不错", replyID: nil)
                _ = try await comments.comment(newsID: id, userID: author, content: "谢谢", replyID: root.id)
            }
            ids.append(id)
        }
        return ids
    }

    public struct Audit: Sendable {
        public let likes: Int
        public let postsOff: Int
        public let commentsOff: Int
        public let viewsOff: Int
        public var balanced: Bool { postsOff == 0 && commentsOff == 0 && viewsOff == 0 }
    }

    /// Counters that differ from their records: posts' likes and comments, comments' likes, posts' views.
    public func audit() async throws -> Audit {
        let sql = services.sql()
        func count(_ query: SQLQueryString) async throws -> Int {
            try await sql.raw(query).first()!.decode(column: "n", as: Int.self)
        }
        return Audit(
            likes: try await count("SELECT COUNT(*) AS n FROM community_news_favors"),
            postsOff: try await count("""
                SELECT COUNT(*) AS n FROM community_news n
                WHERE n.favor_count <> (SELECT COUNT(*) FROM community_news_favors f WHERE f.news_id = n.id)
                   OR n.comment_count <> (SELECT COUNT(*) FROM community_comments c WHERE c.news_id = n.id)
                """),
            commentsOff: try await count("""
                SELECT COUNT(*) AS n FROM community_comments c
                WHERE c.favor_count <> (SELECT COUNT(*) FROM community_comment_favors f WHERE f.comment_id = c.id)
                """),
            viewsOff: try await count("""
                SELECT COUNT(*) AS n FROM community_news n
                WHERE n.viewer_count <> (SELECT COUNT(*) FROM community_viewer_records v WHERE v.news_id = n.id)
                """))
    }
}
