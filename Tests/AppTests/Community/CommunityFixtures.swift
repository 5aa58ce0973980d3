import Foundation
import SQLKit
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import App

/// A member of the community: an account and its token, and the steps they take through the API.
struct Member: Sendable {
    let id: Int
    let token: String

    /// Uploads a picture (the body is the file) and answers its key.
    func upload(_ client: some TestClientProtocol, _ bytes: [UInt8] = CatalogDesk.png()) async throws -> String {
        let response = try await client.execute(uri: "/community/pictures/", method: .post,
                                                headers: [.authorization: "JWT \(token)", .contentType: "image/png"], body: ByteBuffer(bytes: bytes))
        guard let key = response.object["key"] as? String else { throw Failure(description: "upload: \(response.status) \(response.text)") }
        return key
    }

    /// Publishes a post and answers its id.
    @discardableResult
    func publish(_ client: some TestClientProtocol, _ content: String, pictures: [String] = [], topic: Int? = nil) async throws -> Int {
        var body: [String: Any] = ["content": content, "pictures": pictures]
        if let topic { body["topic"] = topic }
        let response = try await client.send(.post, "/community/news/", json: body, token: token)
        guard let news = response.object["news"] as? [String: Any], let id = news["id"] as? Int else {
            throw Failure(description: "publish: \(response.status) \(response.text)")
        }
        return id
    }

    /// Comments on a post (or replies to a comment) and answers the comment.
    func comment(_ client: some TestClientProtocol, news: Int, _ content: String, reply: Int? = nil) async throws -> [String: Any] {
        var body: [String: Any] = ["news": news, "content": content]
        if let reply { body["reply"] = reply }
        return try await client.send(.post, "/community/comments/", json: body, token: token).object
    }

    struct Failure: Error, CustomStringConvertible { let description: String }
}

extension TestEnvironment {
    func member(_ n: Int) async throws -> Member {
        let user = try await createUser(String(format: "member%04d", n), mobile: String(format: "1370000%04d", n))
        return Member(id: user.id!, token: try await token(for: user))
    }

    func counted(_ sql: String) async throws -> Int {
        try await services.sql().raw(SQLQueryString(sql)).first()!.decode(column: "n", as: Int.self)
    }
}

extension TestResponse {
    /// The ids of a feed or comment page's results.
    var pageIDs: [Int] { (object["results"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? [] }
}
