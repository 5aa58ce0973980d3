import FluentKit
import Foundation
import Hummingbird
import MeiduoRules
import SQLKit

/// Publishing and deleting posts (seed 001 动态 and `NewsDetail`): pictures are uploaded first, one request each, into
/// the author's own folder of the storage backend; a post names up to nine of them, only the author's. A deleted post
/// takes its pictures out of storage with it.
struct CommunityPosts: Sendable {
    let services: AppServices

    struct Draft: Sendable {
        var content: String
        var topicID: Int?
        var address: String?
        var pictures: [String]
    }

    /// Stores one picture (the body is the file: PNG, JPEG, GIF or WebP up to 5 MB) under `community/<user id>/…`,
    /// noted as waiting for its post (`CommunityUploads`).
    func upload(_ request: Request, userID: Int) async throws -> UploadedPictureDTO {
        let key = try await StaffUploads(services: services).store(request, folder: CommunityRules.uploadFolder(userID: userID))
        try await CommunityUploads(services: services).note(key: key, userID: userID)
        return UploadedPictureDTO(key: key, url: services.storage.imageURL(key))
    }

    /// Publishes a post; its cover is the first picture. Answers the new post's id.
    func publish(_ draft: Draft, userID: Int) async throws -> Int {
        if let refusal = CommunityRules.postRefusal(content: draft.content, pictureCount: draft.pictures.count) {
            throw APIError.field(draft.pictures.count > CommunityRules.maxPictures ? "pictures" : "content", refusal)
        }
        guard draft.pictures.allSatisfy({ CommunityRules.ownsPicture(key: $0, userID: userID) && StorageKey.isValid($0) }),
              Set(draft.pictures).count == draft.pictures.count else {
            throw APIError.field("pictures", "只能使用自己上传的图片，且不能重复。")
        }
        return try await insert(draft, userID: userID, claiming: true)
    }

    /// Writes a checked post (or the demo's, whose pictures are drawn by the shop) with its pictures in order;
    /// `claiming`: the pictures must be the author's uploads waiting for a post, and stop waiting.
    func insert(_ draft: Draft, userID: Int, claiming: Bool = false) async throws -> Int {
        let now = services.clock.now()
        return try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            if claiming, try await !CommunityUploads.claim(draft.pictures, userID: userID, on: sql) {
                throw APIError.field("pictures", "图片已失效（上传超过一天未发布，或已用于其他动态），请重新上传。")
            }
            if let topic = draft.topicID {
                guard try await sql.raw("SELECT id FROM community_topics WHERE id = \(bind: topic)").first() != nil else {
                    throw APIError.field("topic", "话题不存在。")
                }
            }
            let id = try await sql.raw("""
                INSERT INTO community_news (user_id, topic_id, content, cover, address, favor_count, viewer_count, comment_count, is_hidden,
                                            create_time, update_time)
                VALUES (\(bind: userID), \(bind: draft.topicID), \(bind: draft.content), \(bind: draft.pictures.first ?? ""), \(bind: draft.address),
                        0, 0, 0, \(bind: false), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            for (sequence, key) in draft.pictures.enumerated() {
                try await sql.raw("""
                    INSERT INTO community_news_details (news_id, key, sequence) VALUES (\(bind: id), \(bind: key), \(bind: sequence))
                    """).run()
            }
            return id
        }
    }

    /// Deletes the author's own post with its pictures, likes, views and comments; then the picture files (a file
    /// another post still names stays).
    func delete(newsID: Int, userID: Int) async throws {
        guard let owner = try await services.sql().raw("SELECT user_id FROM community_news WHERE id = \(bind: newsID)").first()?
            .decode(column: "user_id", as: Int.self) else { throw APIError.notFound }
        guard owner == userID else { throw APIError.permissionDenied }
        let keys = try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            let keys = try await sql.raw("SELECT key FROM community_news_details WHERE news_id = \(bind: newsID)").all()
                .map { try $0.decode(column: "key", as: String.self) }
            // Children first: the tables' cascades are not relied on.
            try await sql.raw("""
                DELETE FROM community_comment_favors WHERE comment_id IN (SELECT id FROM community_comments WHERE news_id = \(bind: newsID))
                """).run()
            for table in ["community_comments", "community_news_favors", "community_viewer_records", "community_news_details"] {
                try await sql.raw("DELETE FROM \(ident: table) WHERE news_id = \(bind: newsID)").run()
            }
            try await sql.raw("DELETE FROM community_news WHERE id = \(bind: newsID) AND user_id = \(bind: userID)").run()
            return keys
        }
        for key in keys {
            let stillUsed = try await services.sql().raw("SELECT id FROM community_news_details WHERE key = \(bind: key)").first() != nil
            if !stillUsed { try await services.storage.delete(key: key) }
        }
    }
}
