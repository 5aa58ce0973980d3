import Foundation
import HummingbirdTesting
import Testing
@testable import App

/// A deleted post's pictures leave the S3-compatible store too (moto in server mode, checking signatures).
@Suite struct CommunityStorageTests {
    @Test(.heavy) func aDeletedPostsPicturesLeaveTheS3Store() async throws {
        try await MotoS3Server.withS3App { client, env, bucket in
            // setup
            let alice = try await env.member(1)
            let keys = [try await alice.upload(client, CatalogDesk.png(shade: 1)), try await alice.upload(client, CatalogDesk.png(shade: 2))]
            let id = try await alice.publish(client, "两张图", pictures: keys)
            let stored = try await bucket.get(key: keys[1])
            // act
            let deleted = try await client.send(.delete, "/community/news/\(id)/", token: alice.token)
            // check
            #expect(stored == CatalogDesk.png(shade: 2))
            #expect(deleted.status == .noContent)
            for key in keys { #expect(try await bucket.get(key: key) == nil) }
        }
    }
}
