import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// Comments as threads, likes and follows, and staff hiding, through the API.
@Suite struct CommunitySocialTests {
    @Test func aReplyIsOneDeeperThanWhatItAnswersAndBelongsToItsRoot() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1), bob = try await env.member(2)
            let news = try await alice.publish(client, "讨论一下")
            let root = try await bob.comment(client, news: news, "第一")
            // act
            let reply = try await alice.comment(client, news: news, "谢谢", reply: root["id"] as? Int)
            let deeper = try await bob.comment(client, news: news, "不客气", reply: reply["id"] as? Int)
            // check
            #expect(root["depth"] as? Int == 1 && root["root_id"] is NSNull)
            #expect(reply["depth"] as? Int == 2 && reply["root_id"] as? Int == root["id"] as? Int)
            #expect(deeper["depth"] as? Int == 3 && deeper["root_id"] as? Int == root["id"] as? Int)
            #expect((deeper["reply_to"] as? [String: Any])?["id"] as? Int == alice.id)
            let detail = try await client.send(.get, "/community/news/\(news)/?refresh=1")
            #expect((detail.object["news"] as? [String: Any])?["comment_count"] as? Int == 3)
        }
    }

    @Test func aThreadShowsItsFirstRepliesAndTheRestOnRequest() async throws {
        try await withApp { client, env in
            // setup: a root with three replies
            let alice = try await env.member(1), bob = try await env.member(2)
            let news = try await alice.publish(client, "长楼")
            let root = try #require(try await bob.comment(client, news: news, "楼主好")["id"] as? Int)
            var replies: [Int] = []
            for n in 1...3 { replies.append(try #require(try await alice.comment(client, news: news, "回复\(n)", reply: root)["id"] as? Int)) }
            // act
            let page = try await client.send(.get, "/community/news/\(news)/comments/")
            let more = try await client.send(.get, "/community/comments/\(root)/replies/?cursor=\(replies[1])")
            // check
            let thread = try #require((page.object["results"] as? [[String: Any]])?.first)
            #expect(page.pageIDs == [root])
            #expect((thread["replies"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == Array(replies.prefix(2)))
            #expect(thread["reply_count"] as? Int == 3)
            #expect(more.pageIDs == [replies[2]])
        }
    }

    @Test func aCommentOnAPostThatIsNotThereIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1)
            // act
            let response = try await client.send(.post, "/community/comments/", json: ["news": 999, "content": "有人吗"], token: alice.token)
            // check
            #expect(response.status == .badRequest && response.object["news"] != nil)
        }
    }

    @Test func likingTwiceIsLikingOnceAndUnlikingWhatINeverLikedChangesNothing() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1), bob = try await env.member(2)
            let news = try await alice.publish(client, "点赞")
            // act
            _ = try await client.send(.post, "/community/news/\(news)/favor/", token: bob.token)
            let twice = try await client.send(.post, "/community/news/\(news)/favor/", token: bob.token)
            let never = try await client.send(.delete, "/community/news/\(news)/favor/", token: alice.token)
            let detail = try await client.send(.get, "/community/news/\(news)/?refresh=1", token: bob.token)
            // check
            #expect(twice.object["favor_count"] as? Int == 1 && never.object["favor_count"] as? Int == 1)
            #expect((detail.object["news"] as? [String: Any])?["favored"] as? Bool == true)
            #expect((detail.object["favor_users"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [bob.id])
        }
    }

    @Test func followingMovesBothCountsAndFiltersTheFeed() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1), bob = try await env.member(2), carol = try await env.member(3)
            let bobs = try await bob.publish(client, "Bob 的动态")
            try await carol.publish(client, "Carol 的动态")
            // act
            let followed = try await client.send(.post, "/community/users/\(bob.id)/follow/", token: alice.token)
            let feed = try await client.send(.get, "/community/news/?following=1", token: alice.token)
            let mine = try await client.send(.get, "/community/users/\(alice.id)/")
            let following = try await client.send(.get, "/community/follows/", token: alice.token)
            _ = try await client.send(.delete, "/community/users/\(bob.id)/follow/", token: alice.token)
            let after = try await client.send(.get, "/community/users/\(bob.id)/")
            // check
            #expect(followed.object["fans_count"] as? Int == 1)
            #expect(feed.pageIDs == [bobs])
            #expect(mine.object["follow_count"] as? Int == 1)
            #expect(following.array.compactMap { $0["id"] as? Int } == [bob.id])
            #expect(after.object["fans_count"] as? Int == 0)
        }
    }

    @Test func followingMyselfIsRefusedAndTheFollowingFeedNeedsALogin() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1)
            // act
            let me = try await client.send(.post, "/community/users/\(alice.id)/follow/", token: alice.token)
            let anonymous = try await client.send(.get, "/community/news/?following=1")
            // check
            #expect(me.status == .badRequest)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func staffHideAPostAndACommentAuditedAndShoppersCannot() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1), bob = try await env.member(2)
            let staff = try await env.staffToken()
            let news = try await alice.publish(client, "不当内容")
            let comment = try #require(try await bob.comment(client, news: news, "不当评论")["id"] as? Int)
            // act
            let shopper = try await client.send(.put, "/admin/api/community/news/\(news)/", json: ["hidden": true], token: bob.token)
            let hidden = try await client.send(.put, "/admin/api/community/comments/\(comment)/", json: ["hidden": true], token: staff)
            let hiddenPost = try await client.send(.put, "/admin/api/community/news/\(news)/", json: ["hidden": true], token: staff)
            let listed = try await client.send(.get, "/admin/api/community/news/", token: staff)
            // check
            #expect(shopper.status == .forbidden)
            #expect(hidden.status == .ok && hiddenPost.status == .ok)
            #expect(try await client.send(.get, "/community/news/").pageIDs.isEmpty)
            #expect(try await client.send(.get, "/community/news/\(news)/").status == .notFound)
            #expect((listed.object["results"] as? [[String: Any]])?.first?["hidden"] as? Bool == true)
            let audit = try await env.auditRows(.init(targetType: "community_news", targetID: "\(news)"))
            #expect(audit.map(\.entry.summary) == ["隐藏动态 #\(news)"])
            #expect(try await env.auditRows(.init(targetType: "community_comments", targetID: "\(comment)")).count == 1)
        }
    }

    @Test func aHiddenCommentLeavesItsPostsCountOnceAndComesBack() async throws {
        try await withApp { client, env in
            // setup: two comments on a post
            let alice = try await env.member(1), bob = try await env.member(2)
            let staff = try await env.staffToken()
            let news = try await alice.publish(client, "拍到的好东西")
            let comment = try #require(try await bob.comment(client, news: news, "不当评论")["id"] as? Int)
            _ = try await alice.comment(client, news: news, "谢谢")
            func count() async throws -> Int? {
                (try await client.send(.get, "/community/news/\(news)/").object["news"] as? [String: Any])?["comment_count"] as? Int
            }
            // act
            _ = try await client.send(.put, "/admin/api/community/comments/\(comment)/", json: ["hidden": true], token: staff)
            _ = try await client.send(.put, "/admin/api/community/comments/\(comment)/", json: ["hidden": true], token: staff)
            let hidden = try await count()
            _ = try await client.send(.put, "/admin/api/community/comments/\(comment)/", json: ["hidden": false], token: staff)
            let shown = try await count()
            // check
            #expect(hidden == 1)
            #expect(shown == 2)
        }
    }
}
