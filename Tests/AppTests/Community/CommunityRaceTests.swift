import Foundation
import SQLKit
import Testing
@testable import App

/// Likes racing on SQLite and PostgreSQL: counters equal their records whatever the interleaving.
@Suite(.heavy) struct CommunityRaceTests {
    @Test func fiftyConcurrentLikesAndUnlikesByDifferentUsersLeaveTheCountEqualToTheRecords() async throws {
        try await withServices { env in
            // setup: 50 members; the first 25 like the post already
            let author = try await env.member(0)
            let news = try await CommunityPosts(services: env.services).publish(.init(content: "热帖", pictures: []), userID: author.id)
            var members: [Int] = []
            for n in 1...50 { members.append(try await env.member(n).id) }
            let social = CommunitySocial(services: env.services)
            for id in members.prefix(25) { _ = try await social.favorNews(news, userID: id, on: true) }
            // act: at once, the first 25 unlike and the other 25 like
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (i, id) in members.enumerated() {
                    group.addTask { _ = try await social.favorNews(news, userID: id, on: i >= 25) }
                }
                try await group.waitForAll()
            }
            // check
            let count = try await env.counted("SELECT favor_count AS n FROM community_news WHERE id = \(news)")
            let records = try await env.counted("SELECT COUNT(*) AS n FROM community_news_favors WHERE news_id = \(news)")
            #expect(count == records && records == 25)
        }
    }

    @Test func twentyConcurrentIdenticalLikesByOneUserMakeOneRecord() async throws {
        try await withServices { env in
            // setup
            let author = try await env.member(0), fan = try await env.member(1)
            let news = try await CommunityPosts(services: env.services).publish(.init(content: "点一次", pictures: []), userID: author.id)
            let social = CommunitySocial(services: env.services)
            // act
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 { group.addTask { _ = try await social.favorNews(news, userID: fan.id, on: true) } }
                try await group.waitForAll()
            }
            // check
            #expect(try await env.counted("SELECT COUNT(*) AS n FROM community_news_favors") == 1)
            #expect(try await env.counted("SELECT favor_count AS n FROM community_news WHERE id = \(news)") == 1)
        }
    }

    @Test func concurrentFollowsAndUnfollowsKeepFansEqualToFollowers() async throws {
        try await withServices { env in
            // setup: 30 members follow a star, then at once half unfollow and the rest follow again (a no-op)
            let star = try await env.member(0)
            var members: [Int] = []
            for n in 1...30 { members.append(try await env.member(n).id) }
            let social = CommunitySocial(services: env.services)
            for id in members { _ = try await social.follow(star.id, userID: id, on: true) }
            // act
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (i, id) in members.enumerated() { group.addTask { _ = try await social.follow(star.id, userID: id, on: i % 2 == 0) } }
                try await group.waitForAll()
            }
            // check
            let fans = try await env.counted("SELECT fans_count AS n FROM community_profiles WHERE user_id = \(star.id)")
            let records = try await env.counted("SELECT COUNT(*) AS n FROM community_follows WHERE followee_id = \(star.id)")
            #expect(fans == records && records == 15)
        }
    }
}
