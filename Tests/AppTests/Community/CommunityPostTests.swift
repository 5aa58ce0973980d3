import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// Publishing, the feed and a post's page (seed 001 动态) through the API, on SQLite and PostgreSQL.
@Suite struct CommunityPostTests {
    @Test func aPostWithTwoPicturesShowsInTheFeedWithItsCoverAndPictures() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1)
            let keys = [try await alice.upload(client, CatalogDesk.png(shade: 10)), try await alice.upload(client, CatalogDesk.png(shade: 20))]
            // act
            let id = try await alice.publish(client, "今天拍到一只翡翠手镯", pictures: keys)
            let feed = try await client.send(.get, "/community/news/")
            // check
            let first = try #require((feed.object["results"] as? [[String: Any]])?.first)
            #expect(first["id"] as? Int == id && first["content"] as? String == "今天拍到一只翡翠手镯")
            #expect((first["pictures"] as? [String])?.count == 2)
            #expect((first["cover"] as? String)?.hasSuffix(keys[0]) == true)
            #expect(keys.allSatisfy { $0.hasPrefix("community/\(alice.id)/") })
        }
    }

    @Test func aPostMayNotUseSomeoneElsesPictures() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1), bob = try await env.member(2)
            let key = try await alice.upload(client)
            // act
            let response = try await client.send(.post, "/community/news/", json: ["content": "借用一下", "pictures": [key]], token: bob.token)
            // check
            #expect(response.status == .badRequest && response.object["pictures"] != nil)
            #expect(try await env.counted("SELECT COUNT(*) AS n FROM community_news") == 0)
        }
    }

    @Test func anEmptyPostAndTenPicturesAreRefused() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1)
            let ten = (0..<10).map { "community/\(alice.id)/2026/12/\($0).png" }
            // act
            let empty = try await client.send(.post, "/community/news/", json: ["content": "   ", "pictures": []], token: alice.token)
            let tooMany = try await client.send(.post, "/community/news/", json: ["content": "十张", "pictures": ten], token: alice.token)
            // check
            #expect(empty.status == .badRequest && empty.object["content"] != nil)
            #expect(tooMany.status == .badRequest && tooMany.object["pictures"] != nil)
        }
    }

    @Test func aViewCountsOncePerSignedInReader() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1), bob = try await env.member(2)
            let id = try await alice.publish(client, "看看")
            // act
            for _ in 0..<3 { _ = try await client.send(.get, "/community/news/\(id)/", token: bob.token) }
            _ = try await client.send(.get, "/community/news/\(id)/")
            let seen = try await client.send(.get, "/community/news/\(id)/?refresh=1", token: alice.token)
            // check: Bob once; the anonymous reader and Alice's refresh not at all
            #expect((seen.object["news"] as? [String: Any])?["viewer_count"] as? Int == 1)
            #expect(try await env.counted("SELECT COUNT(*) AS n FROM community_viewer_records") == 1)
        }
    }

    @Test func theFeedPagesByCursorWithoutRepeatsWhilePostsArrive() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1)
            var ids: [Int] = []
            for n in 1...5 { ids.append(try await alice.publish(client, "第\(n)条")) }
            let first = try await client.send(.get, "/community/news/?page_size=2")
            // act: two posts arrive between the pages
            try await alice.publish(client, "新来的一条")
            try await alice.publish(client, "又一条")
            let second = try await client.send(.get, "/community/news/?page_size=2&cursor=\(first.object["next_cursor"] as! Int)")
            let third = try await client.send(.get, "/community/news/?page_size=2&cursor=\(second.object["next_cursor"] as! Int)")
            // check
            #expect(first.pageIDs == [ids[4], ids[3]])
            #expect(second.pageIDs == [ids[2], ids[1]])
            #expect(third.pageIDs == [ids[0]] && third.object["next_cursor"] is NSNull)
        }
    }

    @Test func aCursorThatIsNoIdIsRefused() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/community/news/?cursor=abc")
            // check
            #expect(response.status == .badRequest && response.object["cursor"] != nil)
        }
    }

    @Test func deletingMyPostTakesItsPicturesOutOfStorageAndOthersMayNot() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1), bob = try await env.member(2)
            let key = try await alice.upload(client)
            let id = try await alice.publish(client, "要删的", pictures: [key])
            _ = try await bob.comment(client, news: id, "沙发")
            // act
            let refused = try await client.send(.delete, "/community/news/\(id)/", token: bob.token)
            let stored = try await env.services.storage.get(key: key)
            let deleted = try await client.send(.delete, "/community/news/\(id)/", token: alice.token)
            // check
            #expect(refused.status == .forbidden && stored != nil)
            #expect(deleted.status == .noContent)
            #expect(try await env.services.storage.get(key: key) == nil)
            #expect(try await client.send(.get, "/community/news/\(id)/").status == .notFound)
            #expect(try await env.counted("SELECT COUNT(*) AS n FROM community_comments") == 0)
        }
    }

    @Test func topicsFilterTheFeedAndCountTheirFollowers() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1)
            let topic = try await CommunityModeration(services: env.services).createTopic(title: "翡翠")
            let tagged = try await alice.publish(client, "翡翠一只", topic: topic.id)
            try await alice.publish(client, "别的")
            // act
            let followed = try await client.send(.post, "/community/topics/\(topic.id)/follow/", token: alice.token)
            let feed = try await client.send(.get, "/community/news/?topic=\(topic.id)")
            let topics = try await client.send(.get, "/community/topics/", token: alice.token)
            // check
            #expect(followed.object["follow_count"] as? Int == 1)
            #expect(feed.pageIDs == [tagged])
            #expect(topics.array.first?["followed"] as? Bool == true && topics.array.first?["follow_count"] as? Int == 1)
        }
    }
}

@Suite struct CommunityDemoTests {
    @Test func theDemoCommunityLoadsOnceWithPostsTopicsAndAThread() async throws {
        try await withServices { env in
            // act
            let first = try await CommunityDemo(services: env.services).loadIfEmpty()
            let second = try await CommunityDemo(services: env.services).loadIfEmpty()
            // check
            #expect(first && !second)
            #expect(try await env.counted("SELECT COUNT(*) AS n FROM community_news") == CommunityDemo.posts.count)
            #expect(try await env.counted("SELECT COUNT(*) AS n FROM community_topics") == CommunityDemo.topics.count)
            #expect(try await env.counted("SELECT COUNT(*) AS n FROM community_comments WHERE depth = 2") == 1)
            let key = "community/demo/1-1.svg"
            #expect(try await env.services.storage.get(key: key) != nil)
        }
    }
}
