import Foundation
import HummingbirdTesting
import Testing
@testable import App

/// Signed URLs for private files (`private/...`, e.g. course lessons): valid until they expire, on the local storage
/// (checked by `/media/`) and on S3 (presigned, checked by the store).
@Suite struct SignedMediaURLTests {
    /// The path and query of a signed local URL, for the test client.
    static func relative(_ url: String) -> String {
        let components = URLComponents(string: url)!
        return components.percentEncodedPath + "?" + (components.percentEncodedQuery ?? "")
    }

    @Test func aSignedLocalURLServesThePrivateFile() async throws {
        try await withApp { client, env in
            // setup
            try await env.services.storage.put(Array("lesson".utf8), key: "private/courses/1/a.txt", contentType: "text/plain")
            let now = env.services.clock.now()
            let url = env.services.storage.signedURL(for: "private/courses/1/a.txt", expires: now.addingTimeInterval(600), now: now)
            // act
            let response = try await client.send(.get, Self.relative(url))
            // check
            #expect(response.status == .ok && response.text == "lesson")
            #expect(response.headers[.cacheControl] == "private, no-store")
        }
    }

    @Test func aPrivateFileWithoutASignatureIsForbidden() async throws {
        try await withApp { client, env in
            // setup
            try await env.services.storage.put(Array("lesson".utf8), key: "private/courses/1/a.txt", contentType: "text/plain")
            // act
            let response = try await client.send(.get, "/media/private/courses/1/a.txt")
            // check
            #expect(response.status == .forbidden && response.object["detail"] as? String == "链接无效或已过期。")
        }
    }

    @Test func anExpiredOrAlteredSignatureIsForbidden() async throws {
        try await withApp { client, env in
            // setup
            try await env.services.storage.put(Array("lesson".utf8), key: "private/courses/1/a.txt", contentType: "text/plain")
            let now = env.services.clock.now()
            let expired = env.services.storage.signedURL(for: "private/courses/1/a.txt", expires: now.addingTimeInterval(-1), now: now)
            let valid = env.services.storage.signedURL(for: "private/courses/1/a.txt", expires: now.addingTimeInterval(600), now: now)
            let otherFile = Self.relative(valid).replacingOccurrences(of: "a.txt", with: "b.txt")
            // act
            let late = try await client.send(.get, Self.relative(expired))
            let moved = try await client.send(.get, otherFile)
            // check
            #expect(late.status == .forbidden && moved.status == .forbidden)
        }
    }

    @Test func thePresignedQueryMatchesAWSsPublishedExample() {
        // setup: https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html (GET /test.txt, 86400 s)
        let signer = SigV4Signer(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1")
        let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
        // act
        let query = signer.presignedQuery(method: "GET", path: "/test.txt", host: "examplebucket.s3.amazonaws.com", expiresIn: 86_400, date: date)
        // check
        #expect(query.last?.name == "X-Amz-Signature")
        #expect(query.last?.value == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }
}

extension StorageTests.S3 {
    /// Path and query parameters of a URL (the parameters decoded, order ignored).
    static func parts(_ url: String) -> (String, [String: String]) {
        let components = URLComponents(string: url)!
        return (components.percentEncodedPath, Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }))
    }

    @Test func aPresignedURLIsTheOneBotocoreMakes() async throws {
        // setup: path-style store, a key with spaces and Chinese, a fixed time
        let storage = try S3FileStorage(configuration: S3Configuration(
            endpoint: "http://127.0.0.1:9000", region: "us-east-1", bucket: "meiduo-media",
            accessKeyID: "AKIAEXAMPLEKEY00001", secretAccessKey: "secret/with+chars", timeout: .seconds(5)))
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let key = "private/courses/1/第1节 入门.mp4"
        // act
        let ours = storage.signedURL(for: key, expires: now.addingTimeInterval(300), now: now)
        let botocore = try await PythonScript.run("s3_presign.py", input: [
            "endpoint": "http://127.0.0.1:9000", "bucket": "meiduo-media", "key": key, "access_key": "AKIAEXAMPLEKEY00001",
            "secret_key": "secret/with+chars", "region": "us-east-1", "expires": 300, "epoch": 1_780_000_000])
        // check
        let theirs = try #require(botocore["url"] as? String)
        #expect(Self.parts(ours).0 == Self.parts(theirs).0)
        #expect(Self.parts(ours).1 == Self.parts(theirs).1)
    }
}
