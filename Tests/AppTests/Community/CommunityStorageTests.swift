import Foundation
import HummingbirdTesting
import Testing
@testable import App

/// A deleted post's pictures leave the S3-compatible store too (moto in server mode, checking signatures).
@Suite struct CommunityStorageTests {
    @Test(.heavy) func aDeletedPostsPicturesLeaveTheS3Store() async throws {
        // setup
        let moto = try await MotoS3Server.start()
        defer { moto.stop() }
        let bucket = try await moto.storageWithBucket()
        let s3 = S3Configuration(endpoint: "http://127.0.0.1:\(moto.port)", region: "us-east-1", bucket: "meiduo-media",
                                 accessKeyID: moto.accessKeyID, secretAccessKey: moto.secretAccessKey, timeout: .seconds(20))
        try await withApp({ config in
            config.storage = StorageConfig(backend: .s3, localDirectory: config.storage.localDirectory, s3: s3)
        }) { client, env in
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
