import Foundation

/// The rules of the community feed (seed 001 动态): what a post and a comment may hold, where a reply sits in its
/// thread, and how a feed page is cut.
public enum CommunityRules {
    /// `News.content` and `CommentRecord.content` are `max_length=255`.
    public static let maxContentLength = 255
    /// A post carries at most nine pictures (the mini-program's grid).
    public static let maxPictures = 9
    public static let maxAddressLength = 128

    /// Why a post can't be published as written, or nil.
    public static func postRefusal(content: String, pictureCount: Int) -> String? {
        let text = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty && pictureCount == 0 { return "说点什么，或者配一张图片。" }
        if content.count > maxContentLength { return "内容最多\(maxContentLength)个字。" }
        if pictureCount > maxPictures { return "最多\(maxPictures)张图片。" }
        return nil
    }

    /// A picture may go into a post only from its author's own uploads: keys under `community/<user id>/`.
    public static func uploadFolder(userID: Int) -> String { "community/\(userID)" }

    /// How long an uploaded picture waits for its post: a draft abandoned longer than a day leaves storage.
    public static let uploadLifetime: Double = 86_400

    public static func ownsPicture(key: String, userID: Int) -> Bool {
        key.hasPrefix(uploadFolder(userID: userID) + "/") && !key.contains("..")
    }
}

/// Where a comment sits (seed 001 `CommentRecord`): a comment on the post is a root of depth 1; a reply is one deeper
/// than what it answers and belongs to that comment's root (`root` lets a thread's every reply be found at once).
public struct CommentPlace: Sendable, Equatable {
    public let depth: Int
    public let rootID: Int?

    /// The place of a new comment answering `reply` (its id, depth and root), or a root comment without one.
    public static func of(replyingTo reply: (id: Int, depth: Int, rootID: Int?)?) -> CommentPlace {
        guard let reply else { return CommentPlace(depth: 1, rootID: nil) }
        return CommentPlace(depth: reply.depth + 1, rootID: reply.rootID ?? reply.id)
    }
}

/// A list page cut by the id of the last item seen (the feed newest first): posts published while someone scrolls have larger
/// ids and never push what they have seen onto the next page again (offset paging would).
public struct FeedCursor: Sendable, Equatable {
    public static let defaultSize = 10
    public static let maxSize = 30

    /// The last id the previous page showed: the next page goes on beyond it (older posts and root comments, newer
    /// replies); nil for the first page.
    public let lastSeen: Int?
    public let size: Int

    public init(lastSeen: Int?, size: Int) {
        self.lastSeen = lastSeen
        self.size = size
    }

    /// `cursor` (the previous page's `next_cursor`) and `page_size`; a cursor that is not a positive id is nil
    /// (refused by the caller), a bad size falls back to the default.
    public static func parse(cursor: String?, size: String?) -> FeedCursor? {
        var lastSeen: Int?
        if let cursor, !cursor.isEmpty {
            guard let id = Int(cursor), id > 0, id <= Int(Int32.max) else { return nil }
            lastSeen = id
        }
        var pageSize = defaultSize
        if let size, let value = Int(size), value >= 1 { pageSize = min(value, maxSize) }
        return FeedCursor(lastSeen: lastSeen, size: pageSize)
    }

    /// The cursor of the page after one that read `ids` (asked for `size + 1` rows: one more says there is more).
    public func next(after ids: [Int]) -> Int? {
        ids.count > size ? ids[size - 1] : nil
    }
}
