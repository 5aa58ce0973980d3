import Foundation
import MeiduoRules
import SQLKit

/// The demo shop's community: topics, two collectors who post with drawn pictures, and a short thread, so the feed is
/// not empty the first time someone opens it. The collectors' accounts can't be signed in to (no password works).
public struct CommunityDemo: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    struct Post {
        let author: Int
        let topic: String?
        let content: String
        let address: String?
        let pictures: [String]
    }

    static let topics = ["翡翠玉石", "书画", "钱币邮票", "紫砂陶瓷"]
    static let authors = [("collector_wang", "19900000001"), ("tea_and_clay", "19900000002")]
    static let posts = [
        Post(author: 0, topic: "翡翠玉石", content: "今天在金秋专场看中一只冰种手镯，水头很足，准备出价试试。", address: "北京·潘家园", pictures: ["冰种手镯", "手镯侧光"]),
        Post(author: 1, topic: "紫砂陶瓷", content: "新收的一把朱泥西施壶，出水利落，养了一个月已经有光泽了。", address: nil, pictures: ["朱泥西施壶"]),
        Post(author: 0, topic: "钱币邮票", content: "整理了一下老钱币，哪位懂行的帮忙看看这枚的品相？", address: "上海", pictures: ["银元正面", "银元背面", "钱币合影"]),
        Post(author: 1, topic: "书画", content: "预展里那幅山水小品很有意思，笔墨干净，大家怎么看？", address: nil, pictures: []),
    ]

    /// Loads the demo community once: a shop that has posts is left alone. Answers whether anything was loaded.
    public func loadIfEmpty() async throws -> Bool {
        let sql = services.sql()
        guard try await sql.raw("SELECT COUNT(*) AS n FROM community_news").first()?.decode(column: "n", as: Int.self) == 0 else { return false }
        let now = services.clock.now()
        var topicIDs: [String: Int] = [:]
        for title in Self.topics {
            topicIDs[title] = try await CommunityModeration(services: services).createTopic(title: title).id
        }
        var authorIDs: [Int] = []
        for (name, mobile) in Self.authors {
            if let id = try await sql.raw("SELECT id FROM users WHERE username = \(bind: name)").first()?.decode(column: "id", as: Int.self) {
                authorIDs.append(id)
                continue
            }
            // No password hash this shop could ever match: the demo collectors only post.
            authorIDs.append(try await sql.raw("""
                INSERT INTO users (username, password, mobile, email, email_active, is_active, is_staff, create_time, update_time)
                VALUES (\(bind: name), \(bind: "!demo"), \(bind: mobile), '', \(bind: false), \(bind: true), \(bind: false), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self))
        }
        let posts = CommunityPosts(services: services)
        var newsIDs: [Int] = []
        for (index, post) in Self.posts.enumerated() {
            var keys: [String] = []
            for (n, title) in post.pictures.enumerated() {
                let key = "community/demo/\(index + 1)-\(n + 1).svg"
                try await services.storage.put(Array(DemoArtwork.svg(title: title, subtitle: "", kind: .product).utf8), key: key, contentType: "image/svg+xml")
                keys.append(key)
            }
            newsIDs.append(try await posts.insert(.init(content: post.content, topicID: post.topic.flatMap { topicIDs[$0] }, address: post.address, pictures: keys),
                                                  userID: authorIDs[post.author]))
        }
        let comments = CommunityComments(services: services), social = CommunitySocial(services: services)
        let question = try await comments.comment(newsID: newsIDs[2], userID: authorIDs[1], content: "看包浆像是真品，边齿很清楚。", replyID: nil)
        _ = try await comments.comment(newsID: newsIDs[2], userID: authorIDs[0], content: "谢谢！我再找人上手看看。", replyID: question.id)
        _ = try await social.favorNews(newsIDs[0], userID: authorIDs[1], on: true)
        _ = try await social.follow(authorIDs[0], userID: authorIDs[1], on: true)
        return true
    }
}
