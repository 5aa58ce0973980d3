import Foundation
import HummingbirdTesting
import Testing
@testable import App

/// Pictures uploaded for a post: claimed by the post (each once, only the author's, only if really uploaded), and
/// swept from storage when no post claimed them within a day.
@Suite struct CommunityUploadTests {
    @Test func aPictureNoPostClaimedWithinADayLeavesStorageAndAPostedOneStays() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: two uploads, one of them posted
            let alice = try await env.member(1)
            let posted = try await alice.upload(client, CatalogDesk.png(shade: 5))
            let abandoned = try await alice.upload(client, CatalogDesk.png(shade: 6))
            try await alice.publish(client, "一张图", pictures: [posted])
            let early = try await CommunityUploads(services: env.services).sweep()
            clock.advance(by: 86_401)
            // act
            let swept = try await CommunityUploads(services: env.services).sweep()
            // check
            #expect(early == 0 && swept == 1)
            #expect(try await env.services.storage.get(key: abandoned) == nil)
            #expect(try await env.services.storage.get(key: posted) == CatalogDesk.png(shade: 5))
            let token = try await env.token(for: try #require(try await User.find(alice.id, on: env.services.db())))  // a day later: a new login
            let late = try await client.send(.post, "/community/news/", json: ["content": "晚了", "pictures": [abandoned]], token: token)
            #expect(late.status == .badRequest && late.object["pictures"] != nil)
        }
    }

    @Test func aPostClaimsOnlyPicturesItsAuthorUploadedAndEachOnce() async throws {
        try await withApp { client, env in
            // setup
            let alice = try await env.member(1)
            let key = try await alice.upload(client)
            let invented = "community/\(alice.id)/2026/12/never-uploaded.png"
            try await alice.publish(client, "第一次", pictures: [key])
            // act
            let again = try await client.send(.post, "/community/news/", json: ["content": "又用一次", "pictures": [key]], token: alice.token)
            let made = try await client.send(.post, "/community/news/", json: ["content": "编的", "pictures": [invented]], token: alice.token)
            // check
            for refused in [again, made] { #expect(refused.status == .badRequest && refused.object["pictures"] != nil) }
            #expect(try await env.counted("SELECT COUNT(*) AS n FROM community_news") == 1)
        }
    }
}
