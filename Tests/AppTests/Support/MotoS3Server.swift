import Foundation
import HummingbirdTesting
@testable import App

/// A running Tests/Support/moto_server.py: moto's S3 on 127.0.0.1 checking SigV4 signatures
/// made with the access key it created (printed as `READY <port> <access key> <secret>`).
final class MotoS3Server {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AppTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Support/moto_server.py")

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    let accessKeyID: String
    let secretAccessKey: String
    private let process: PythonProcess

    private init(port: Int, accessKeyID: String, secretAccessKey: String, process: PythonProcess) {
        self.port = port
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.process = process
    }

    /// Fails (never skips) when moto is not installed for `$PYTHON`.
    static func start() async throws -> MotoS3Server {
        let process = try await PythonProcess.start(script: script, readyTimeout: .seconds(60))
        let parts = process.readyInfo.split(separator: " ").map(String.init)
        guard parts.count == 3, let port = Int(parts[0]) else {
            process.terminate()
            throw Failure(description: "moto_server.py printed an unexpected READY line: '\(process.readyInfo)'")
        }
        return MotoS3Server(port: port, accessKeyID: parts[1], secretAccessKey: parts[2], process: process)
    }

    /// A client for `bucket` (path style, us-east-1), with this server's key unless `secret` is given.
    func storage(bucket: String = "meiduo-media", secret: String? = nil) throws -> S3FileStorage {
        try S3FileStorage(configuration: S3Configuration(
            endpoint: "http://127.0.0.1:\(port)", region: "us-east-1", bucket: bucket,
            accessKeyID: accessKeyID, secretAccessKey: secret ?? secretAccessKey,
            timeout: .seconds(20)
        ))
    }

    /// A client for a bucket it has just created (a signed PUT Bucket from our own client).
    func storageWithBucket() async throws -> S3FileStorage {
        let storage = try storage()
        try await storage.createBucket()
        return storage
    }

    func stop() {
        process.terminate()
    }

    /// The app with its storage on a fresh moto bucket; `body` also gets the bucket, to look into it directly.
    static func withS3App(_ body: @Sendable (any TestClientProtocol, TestEnvironment, S3FileStorage) async throws -> Void) async throws {
        let moto = try await MotoS3Server.start()
        defer { moto.stop() }
        let bucket = try await moto.storageWithBucket()
        let s3 = S3Configuration(endpoint: "http://127.0.0.1:\(moto.port)", region: "us-east-1", bucket: "meiduo-media",
                                 accessKeyID: moto.accessKeyID, secretAccessKey: moto.secretAccessKey, timeout: .seconds(20))
        try await withApp({ config in
            config.storage = StorageConfig(backend: .s3, localDirectory: config.storage.localDirectory, s3: s3)
        }) { client, env in try await body(client, env, bucket) }
    }
}
