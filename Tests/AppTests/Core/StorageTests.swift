import Foundation
import Hummingbird
import NIOCore
import Testing
@testable import App

/// File storage: `LocalFileStorage` on a temporary folder, `S3FileStorage` against moto in
/// server mode (Tests/Support/moto_server.py, signature checking on), and the SigV4 signer
/// against AWS's published example.
@Suite struct StorageTests {
    /// A key every storage must refuse, shown escaped and shortened in test output.
    struct BadKey: Sendable, CustomTestStringConvertible {
        var key: String
        var testDescription: String {
            key.count > 40 ? "\(key.prefix(8).debugDescription)… (\(key.utf8.count) bytes)" : key.debugDescription
        }
    }

    static let invalidKeys = [
        "", "../secret.txt", "goods/../../secret.txt", "goods/..", "/etc/passwd", "goods\\a.jpg",
        "goods/a\n.jpg", "goods/a\u{0}.jpg", "goods/a\u{7F}.jpg", "goods//a.jpg", "goods/./a.jpg", "goods/",
        String(repeating: "a", count: 1025),
    ].map(BadKey.init)
}

// MARK: - SigV4 signer

extension StorageTests {
    @Suite struct Signer {
        /// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "GET Object".
        static let example = SigV4Signer(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE",
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            region: "us-east-1"
        )
        static let exampleDate = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
        static let exampleHeaders: [(name: String, value: String)] = [
            ("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
        ]

        @Test func awsGetObjectExampleHasPublishedSignature() throws {
            // setup
            let signer = Self.example
            // act
            let headers = signer.sign(
                method: "GET", path: "/test.txt", headers: Self.exampleHeaders,
                payloadHash: SigV4Signer.emptyPayloadHash, date: Self.exampleDate)
            // check
            let authorization = try #require(headers.first { $0.name == "Authorization" }?.value)
            #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        }

        @Test func awsGetObjectExampleHasPublishedCanonicalRequestAndStringToSign() {
            // setup
            let headers = Self.exampleHeaders + [
                ("x-amz-content-sha256", SigV4Signer.emptyPayloadHash), ("x-amz-date", "20130524T000000Z"),
            ]
            // act
            let canonical = SigV4Signer.canonicalRequest(
                method: "GET", path: "/test.txt", query: [], headers: headers, payloadHash: SigV4Signer.emptyPayloadHash)
            let stringToSign = Self.example.stringToSign(canonicalRequest: canonical, date: Self.exampleDate)
            // check
            #expect(canonical == """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """)
            #expect(stringToSign == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
                """)
        }

        @Test func canonicalURIEncodesEachSegmentPerRFC3986() {
            // act
            let uri = SigV4Signer.canonicalURI("/bucket/goods/a b+c/图片~(1).jpg")
            // check
            #expect(uri == "/bucket/goods/a%20b%2Bc/%E5%9B%BE%E7%89%87~%281%29.jpg")
        }

        @Test func canonicalQueryIsEncodedAndSorted() {
            // act
            let query = SigV4Signer.canonicalQuery([("prefix", "a b/"), ("max-keys", "2"), ("acl", "")])
            // check
            #expect(query == "acl=&max-keys=2&prefix=a%20b%2F")
        }
    }
}

// MARK: - Local disk

extension StorageTests {
    @Suite struct Local {
        static func makeStorage() throws -> LocalFileStorage {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("storage-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            return LocalFileStorage(root: root.path, baseURL: "http://127.0.0.1:8080/media/")
        }

        static func removeRoot(_ storage: LocalFileStorage) {
            try? FileManager.default.removeItem(atPath: storage.root)
        }

        @Test func putThenGetReturnsSameBytes() async throws {
            // setup
            let storage = try Self.makeStorage()
            defer { Self.removeRoot(storage) }
            let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0x00, 0x0A, 0x0D, 0x7F]
            // act
            try await storage.put(bytes, key: "goods/2024/abc.jpg", contentType: "image/jpeg")
            // check
            #expect(try await storage.get(key: "goods/2024/abc.jpg") == bytes)
        }

        @Test func putReplacesContentAndLeavesNoTemporaryFile() async throws {
            // setup
            let storage = try Self.makeStorage()
            defer { Self.removeRoot(storage) }
            try await storage.put(Array("old".utf8), key: "goods/a.jpg", contentType: "image/jpeg")
            // act
            try await storage.put(Array("new".utf8), key: "goods/a.jpg", contentType: "image/jpeg")
            // check
            #expect(try await storage.get(key: "goods/a.jpg") == Array("new".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: storage.root + "/goods") == ["a.jpg"])
        }

        @Test func aStagedUploadIsStreamedInSignedAndReadBackInRanges() async throws {
            // setup: a staged upload of 1 MiB and a bit (several pieces each way)
            let moto = try await MotoS3Server.start()
            defer { moto.stop() }
            let storage = try await moto.storageWithBucket()
            let bytes = (0..<(1 << 20) + 77).map { UInt8(truncatingIfNeeded: $0 &* 13) }
            let chunks = stride(from: 0, to: bytes.count, by: 100_000).map { ByteBuffer(bytes: bytes[$0..<min($0 + 100_000, bytes.count)]) }
            let staged = try await StagedFile.receive(RequestBody(asyncSequence: chunks.async), into: storage.stagingDirectory, limit: 2 << 20)
            // act
            try await storage.putFile(at: staged.path, size: staged.size, sha256: staged.sha256, key: "private/lessons/b.mp4", contentType: "video/mp4")
            let object = try await storage.stat(key: "private/lessons/b.mp4")
            let tail = try await storage.read(key: "private/lessons/b.mp4", range: (bytes.count - 300_000)..<bytes.count).collect()
            // check: the store kept every byte (moto checked the signature and the payload's hash); the staged file is gone
            #expect(object?.size == bytes.count && object?.contentType == "video/mp4")
            #expect(try await storage.get(key: "private/lessons/b.mp4") == bytes)
            #expect(tail == Array(bytes[(bytes.count - 300_000)...]))
            #expect(!FileManager.default.fileExists(atPath: staged.path))
            #expect(try await storage.stat(key: "private/lessons/none.mp4") == nil)
        }

        @Test func getOfMissingKeyReturnsNil() async throws {
            // setup
            let storage = try Self.makeStorage()
            defer { Self.removeRoot(storage) }
            try await storage.put([1], key: "goods/a.jpg", contentType: "image/jpeg")
            // act
            let missing = try await storage.get(key: "goods/b.jpg")
            let folder = try await storage.get(key: "goods")
            // check
            #expect(missing == nil)
            #expect(folder == nil)
        }

        @Test func deleteThenGetReturnsNil() async throws {
            // setup
            let storage = try Self.makeStorage()
            defer { Self.removeRoot(storage) }
            try await storage.put([1, 2, 3], key: "goods/a.jpg", contentType: "image/jpeg")
            // act
            try await storage.delete(key: "goods/a.jpg")
            // check
            #expect(try await storage.get(key: "goods/a.jpg") == nil)
        }

        @Test func deleteOfMissingKeyOrFolderChangesNothing() async throws {
            // setup
            let storage = try Self.makeStorage()
            defer { Self.removeRoot(storage) }
            try await storage.put([1], key: "goods/a.jpg", contentType: "image/jpeg")
            // act
            try await storage.delete(key: "goods/missing.jpg")
            try await storage.delete(key: "goods")
            // check
            #expect(try await storage.get(key: "goods/a.jpg") == [1])
        }

        @Test(arguments: StorageTests.invalidKeys)
        func invalidKeyIsRefused(bad: BadKey) async throws {
            // setup
            let storage = try Self.makeStorage()
            defer { Self.removeRoot(storage) }
            // act
            let error = await #expect(throws: StorageError.self) {
                try await storage.put([1], key: bad.key, contentType: "image/jpeg")
            }
            // check
            #expect(error == .invalidKey)
            #expect(try FileManager.default.contentsOfDirectory(atPath: storage.root).isEmpty)
        }

        @Test func urlJoinsBaseURLAndEncodedKey() throws {
            // setup
            let storage = try Self.makeStorage()
            defer { Self.removeRoot(storage) }
            // act
            let plain = storage.url(for: "goods/2024/abc.jpg")
            let spaced = storage.url(for: "goods/a b.jpg")
            // check
            #expect(plain == "http://127.0.0.1:8080/media/goods/2024/abc.jpg")
            #expect(spaced == "http://127.0.0.1:8080/media/goods/a%20b.jpg")
        }
    }
}

// MARK: - S3 against moto (Support/MotoS3Server.swift)

extension StorageTests {
    @Suite(.heavy, .timeLimit(.minutes(10))) struct S3 {
        @Test func putThenGetReturnsSameBytes() async throws {
            // setup
            let moto = try await MotoS3Server.start()
            defer { moto.stop() }
            let storage = try await moto.storageWithBucket()
            let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            // act
            try await storage.put(bytes, key: "goods/2024/abc.jpg", contentType: "image/jpeg")
            // check
            #expect(try await storage.get(key: "goods/2024/abc.jpg") == bytes)
        }

        @Test func getOfMissingKeyReturnsNil() async throws {
            // setup
            let moto = try await MotoS3Server.start()
            defer { moto.stop() }
            let storage = try await moto.storageWithBucket()
            // act
            let bytes = try await storage.get(key: "goods/missing.jpg")
            // check
            #expect(bytes == nil)
        }

        @Test func deleteThenGetReturnsNil() async throws {
            // setup
            let moto = try await MotoS3Server.start()
            defer { moto.stop() }
            let storage = try await moto.storageWithBucket()
            try await storage.put([1, 2, 3], key: "goods/a.jpg", contentType: "image/jpeg")
            // act
            try await storage.delete(key: "goods/a.jpg")
            // check
            #expect(try await storage.get(key: "goods/a.jpg") == nil)
        }

        @Test func keysWithSpacesAndChineseRoundTrip() async throws {
            // setup
            let moto = try await MotoS3Server.start()
            defer { moto.stop() }
            let storage = try await moto.storageWithBucket()
            let key = "goods/美多 商城/手机 图片(1)+~.jpg"
            // act
            try await storage.put(Array("图片".utf8), key: key, contentType: "image/jpeg")
            // check
            #expect(try await storage.get(key: key) == Array("图片".utf8))
            #expect(try await storage.get(key: "goods/美多 商城/手机 图片(1) ~.jpg") == nil)
        }

        @Test func wrongSecretKeyIsRefused() async throws {
            // setup
            let moto = try await MotoS3Server.start()
            defer { moto.stop() }
            _ = try await moto.storageWithBucket()
            let impostor = try moto.storage(secret: "not-the-secret")
            // act
            let error = await #expect(throws: StorageError.self) {
                try await impostor.put([1], key: "goods/a.jpg", contentType: "image/jpeg")
            }
            // check
            guard case .http(let status, let body) = error else {
                Issue.record("expected an HTTP error, got \(String(describing: error))")
                return
            }
            #expect(status == 403)
            #expect(body.contains("SignatureDoesNotMatch"))
        }

        @Test func getFromMissingBucketThrows() async throws {
            // setup
            let moto = try await MotoS3Server.start()
            defer { moto.stop() }
            let storage = try moto.storage(bucket: "no-such-bucket")
            // act
            let error = await #expect(throws: StorageError.self) {
                _ = try await storage.get(key: "goods/a.jpg")
            }
            // check
            guard case .http(let status, _) = error else {
                Issue.record("expected an HTTP error, got \(String(describing: error))")
                return
            }
            #expect(status == 404)
        }

        @Test(arguments: StorageTests.invalidKeys)
        func invalidKeyIsRefusedWithoutRequest(bad: BadKey) async throws {
            // setup: nothing listens on port 9, so any request would fail with a connection error
            let storage = try S3FileStorage(configuration: S3Configuration(
                endpoint: "http://127.0.0.1:9", region: "us-east-1", bucket: "b", accessKeyID: "k", secretAccessKey: "s"))
            // act
            let error = await #expect(throws: StorageError.self) {
                _ = try await storage.get(key: bad.key)
            }
            // check
            #expect(error == .invalidKey)
        }

        @Test func urlUsesPublicBaseURLWhenConfigured() throws {
            // setup
            let storage = try S3FileStorage(configuration: S3Configuration(
                endpoint: "https://oss-cn-hangzhou.aliyuncs.com", region: "cn-hangzhou", bucket: "meiduo",
                accessKeyID: "k", secretAccessKey: "s", pathStyle: false, publicBaseURL: "https://img.meiduo.site/"))
            // act
            let url = storage.url(for: "goods/a b.jpg")
            // check
            #expect(url == "https://img.meiduo.site/goods/a%20b.jpg")
        }

        @Test func urlFallsBackToEndpointBucketAndKey() throws {
            // setup
            let pathStyle = try S3FileStorage(configuration: S3Configuration(
                endpoint: "http://127.0.0.1:9000/", region: "us-east-1", bucket: "meiduo",
                accessKeyID: "k", secretAccessKey: "s"))
            let virtualHost = try S3FileStorage(configuration: S3Configuration(
                endpoint: "https://s3.amazonaws.com", region: "us-east-1", bucket: "meiduo",
                accessKeyID: "k", secretAccessKey: "s", pathStyle: false))
            // act
            let pathStyleURL = pathStyle.url(for: "goods/2024/abc.jpg")
            let virtualHostURL = virtualHost.url(for: "goods/2024/abc.jpg")
            // check
            #expect(pathStyleURL == "http://127.0.0.1:9000/meiduo/goods/2024/abc.jpg")
            #expect(virtualHostURL == "https://meiduo.s3.amazonaws.com/goods/2024/abc.jpg")
        }

        @Test func endpointWithoutSchemeIsRefused() {
            // act / check
            #expect(throws: S3ConfigurationError.invalidEndpoint("s3.amazonaws.com")) {
                _ = try S3FileStorage(configuration: S3Configuration(
                    endpoint: "s3.amazonaws.com", region: "us-east-1", bucket: "b", accessKeyID: "k", secretAccessKey: "s"))
            }
        }
    }
}
