import Foundation
import Hummingbird

/// Someone as the community shows them.
public struct CommunityUserDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let username: String
}

public struct TopicRefDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let title: String
}

/// A topic with its 关注度 (how many follow it) and whether I do.
public struct TopicDTO: ResponseEncodable, Codable, Sendable {
    public let id: Int
    public let title: String
    public let follow_count: Int
    public let followed: Bool
}

/// A post as the feed and its page show it: pictures as URLs, the counters, and whether I liked it.
public struct NewsDTO: ResponseEncodable, Codable, Sendable {
    public let id: Int
    public let user: CommunityUserDTO
    public let content: String
    public let cover: String
    public let pictures: [String]
    @Nullable public var topic: TopicRefDTO?
    @Nullable public var address: String?
    public let favor_count: Int
    public let viewer_count: Int
    public let comment_count: Int
    public let create_time: Date
    public let favored: Bool
    /// Only in the back office: whether staff hid it (null elsewhere).
    @Nullable public var hidden: Bool?
}

/// A post's own page: the post, who liked it last, whether I follow its author and whether it is mine.
public struct NewsDetailDTO: ResponseEncodable, Sendable {
    public let news: NewsDTO
    public let favor_users: [CommunityUserDTO]
    public let following_author: Bool
    public let mine: Bool
}

/// A page of a list cut by the last id seen: `next_cursor` asks for the next page (nil at the end).
public struct CursorPage<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    public let results: [Item]
    @Nullable public var next_cursor: Int?
}

/// A comment; a root comment carries its first replies and how many it has.
public struct NewsCommentDTO: ResponseEncodable, Codable, Sendable {
    public let id: Int
    public let news_id: Int
    public let user: CommunityUserDTO
    public let content: String
    @Nullable public var reply_id: Int?
    /// Whom a reply answers.
    @Nullable public var reply_to: CommunityUserDTO?
    @Nullable public var root_id: Int?
    public let depth: Int
    public let favor_count: Int
    public let favored: Bool
    public let create_time: Date
    /// A root comment's first replies and how many it has (absent on replies).
    public var replies: [NewsCommentDTO]?
    public var reply_count: Int?
    @Nullable public var hidden: Bool?
}

public struct FavorDTO: ResponseEncodable, Sendable {
    public let favored: Bool
    public let favor_count: Int
}

/// Someone's community page: how many follow them and whom they follow, their posts, and whether I follow them.
public struct CommunityProfileDTO: ResponseEncodable, Codable, Sendable {
    public let id: Int
    public let username: String
    public let fans_count: Int
    public let follow_count: Int
    public let news_count: Int
    public let followed: Bool
}

public struct FollowDTO: ResponseEncodable, Sendable {
    public let followed: Bool
    public let fans_count: Int
}

public struct UploadedPictureDTO: ResponseEncodable, Sendable {
    public let key: String
    public let url: String
}
