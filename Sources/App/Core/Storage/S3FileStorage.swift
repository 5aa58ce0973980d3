import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Objects in a bucket of an S3-compatible store (AWS S3, MinIO, Aliyun OSS and Qiniu Kodo
/// through their S3 APIs), over its REST API with AWS Signature Version 4 in the
/// `Authorization` header. Payloads are signed (`x-amz-content-sha256` is their real hash).
public struct S3FileStorage: FileStorage {
    public let configuration: S3Configuration
    let endpoint: S3Endpoint
    let signer: SigV4Signer
    let httpClient: HTTPClient

    /// Throws `S3ConfigurationError.invalidEndpoint` when the endpoint is not an http(s) URL.
    public init(configuration: S3Configuration, httpClient: HTTPClient = .shared) throws {
        self.configuration = configuration
        self.endpoint = try S3Endpoint(configuration.endpoint)
        self.signer = SigV4Signer(
            accessKeyID: configuration.accessKeyID,
            secretAccessKey: configuration.secretAccessKey,
            region: configuration.region
        )
        self.httpClient = httpClient
    }

    public func put(_ data: [UInt8], key: String, contentType: String) async throws {
        try StorageKey.validate(key)
        let response = try await send(.PUT, path: objectPath(key), body: data, headers: [("Content-Type", contentType)])
        try await expectSuccess(response)
    }

    public func get(key: String) async throws -> [UInt8]? {
        try StorageKey.validate(key)
        let response = try await send(.GET, path: objectPath(key))
        if response.status == .notFound {
            let body = try await errorBody(response)
            // A missing bucket is a configuration problem, not a missing object.
            if body.contains("<Code>NoSuchBucket</Code>") { throw StorageError.http(status: 404, body: body) }
            return nil
        }
        try await expectSuccess(response, drain: false)
        let buffer = try await response.body.collect(upTo: configuration.maxObjectSize)
        return Array(buffer.readableBytesView)
    }

    public func delete(key: String) async throws {
        try StorageKey.validate(key)
        let response = try await send(.DELETE, path: objectPath(key))
        // S3 answers 204 for missing keys too; some compatible stores answer 404 NoSuchKey.
        if response.status == .notFound {
            let body = try await errorBody(response)
            if body.contains("<Code>NoSuchKey</Code>") { return }
            throw StorageError.http(status: 404, body: body)
        }
        try await expectSuccess(response)
    }

    /// The system's temporary folder: the upload goes on to the store from there.
    public var stagingDirectory: String { FileManager.default.temporaryDirectory.path }

    /// One signed PUT whose body is read from the staged file as it is sent (its hash known from the upload).
    public func putFile(at path: String, size: Int, sha256: String, key: String, contentType: String) async throws {
        try StorageKey.validate(key)
        let body = HTTPClientRequest.Body.stream(try FilePieces.chunks(path), length: .known(Int64(size)))
        let response = try await send(.PUT, path: objectPath(key), payload: (body, sha256), headers: [("Content-Type", contentType)], timeout: .minutes(30))
        try await expectSuccess(response)
        unlink(path)
    }

    /// HEAD Object: its length and ETag.
    public func stat(key: String) async throws -> StoredObject? {
        try StorageKey.validate(key)
        let response = try await send(.HEAD, path: objectPath(key))
        if response.status == .notFound { return nil }
        try await expectSuccess(response)
        guard let size = response.headers.first(name: "Content-Length").flatMap(Int.init) else {
            throw StorageError.http(status: Int(response.status.code), body: "no Content-Length")
        }
        let etag = response.headers.first(name: "ETag")?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) ?? String(size, radix: 16)
        // A generic type is no type: `/media/` then reads the first bytes (FastDFS ids have no extension either).
        let type = response.headers.first(name: "Content-Type").flatMap { ["", "binary/octet-stream", "application/octet-stream"].contains($0) ? nil : $0 }
        return StoredObject(size: size, version: etag, contentType: type)
    }

    /// GET Object with `Range`, its body passed on piece by piece as the reader asks.
    public func read(key: String, range: Range<Int>) async throws -> ByteChunks {
        try StorageKey.validate(key)
        let response = try await send(.GET, path: objectPath(key), headers: [("Range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")])
        try await expectSuccess(response, drain: false)
        let body = ResponseBodyReader(response.body)
        return ByteChunks { { try await body.next() } }
    }

    /// The response's body iterator, pulled by one reader at a time.
    final class ResponseBodyReader: @unchecked Sendable {
        var iterator: HTTPClientResponse.Body.AsyncIterator
        init(_ body: HTTPClientResponse.Body) { iterator = body.makeAsyncIterator() }
        func next() async throws -> ByteBuffer? { try await iterator.next() }
    }

    public func url(for key: String) -> String {
        if let publicBaseURL = configuration.publicBaseURL {
            return StorageKey.url(base: publicBaseURL, key: key)
        }
        return "\(endpoint.scheme)://\(host)\(SigV4Signer.canonicalURI(objectPath(key)))"
    }

    /// A presigned GET of the object on the store itself (never the public base URL: private objects are not public).
    public func signedURL(for key: String, expires: Date, now: Date) -> String {
        let path = objectPath(key)
        let query = signer.presignedQuery(method: "GET", path: path, host: host, expiresIn: Int(expires.timeIntervalSince(now).rounded(.up)), date: now)
        let encoded = query.map { "\($0.name)=\(SigV4Signer.uriEncode($0.value, encodeSlash: true))" }.joined(separator: "&")
        return "\(endpoint.scheme)://\(host)\(SigV4Signer.canonicalURI(path))?\(encoded)"
    }

    /// Creates the bucket (PUT Bucket), with a LocationConstraint outside us-east-1.
    /// For setting up development stores and tests; production buckets are made by ops.
    public func createBucket() async throws {
        var body: [UInt8] = []
        if configuration.region != "us-east-1" {
            body = Array("""
                <CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\
                <LocationConstraint>\(configuration.region)</LocationConstraint>\
                </CreateBucketConfiguration>
                """.utf8)
        }
        let response = try await send(.PUT, path: bucketPath.isEmpty ? "/" : bucketPath, body: body)
        try await expectSuccess(response)
    }

    // MARK: - Requests

    /// Host header: the endpoint's, prefixed with the bucket for virtual-hosted style.
    var host: String {
        configuration.pathStyle ? endpoint.authority : "\(configuration.bucket).\(endpoint.authority)"
    }

    /// Unencoded path of the bucket ("" for virtual-hosted style without an endpoint prefix).
    var bucketPath: String {
        configuration.pathStyle ? "\(endpoint.basePath)/\(configuration.bucket)" : endpoint.basePath
    }

    func objectPath(_ key: String) -> String {
        "\(bucketPath)/\(key)"
    }

    func send(
        _ method: HTTPMethod, path: String, body: [UInt8] = [], headers: [(name: String, value: String)] = [],
        date: Date = ShopClock.system.now()
    ) async throws -> HTTPClientResponse {
        let payload: (HTTPClientRequest.Body, String)? = !body.isEmpty || method == .PUT ? (.bytes(ByteBuffer(bytes: body)), SigV4Signer.hexSHA256(body)) : nil
        return try await send(method, path: path, payload: payload, headers: headers, date: date)
    }

    /// A request whose body (if any) comes with its SHA-256, signed with it.
    func send(
        _ method: HTTPMethod, path: String, payload: (body: HTTPClientRequest.Body, sha256: String)?, headers: [(name: String, value: String)] = [],
        date: Date = ShopClock.system.now(), timeout: TimeAmount? = nil
    ) async throws -> HTTPClientResponse {
        let signed = signer.sign(
            method: method.rawValue, path: path, headers: [("Host", host)] + headers,
            payloadHash: payload?.sha256 ?? SigV4Signer.hexSHA256([]), date: date)
        var request = HTTPClientRequest(url: "\(endpoint.scheme)://\(host)\(SigV4Signer.canonicalURI(path))")
        request.method = method
        for header in signed {
            request.headers.add(name: header.name, value: header.value)
        }
        if let payload { request.body = payload.body }
        // A large object takes longer than a small request's timeout to send: its caller says how long.
        return try await httpClient.execute(request, timeout: timeout ?? configuration.timeout)
    }

    /// Throws `StorageError.http` unless the status is 2xx; reads and discards the body when `drain`.
    func expectSuccess(_ response: HTTPClientResponse, drain: Bool = true) async throws {
        guard (200..<300).contains(response.status.code) else {
            throw StorageError.http(status: Int(response.status.code), body: try await errorBody(response))
        }
        if drain {
            for try await _ in response.body {}
        }
    }

    /// The first 64 KiB of a response body as text (error documents are small XML).
    func errorBody(_ response: HTTPClientResponse) async throws -> String {
        var collected: [UInt8] = []
        for try await chunk in response.body where collected.count < 1 << 16 {
            collected += chunk.readableBytesView.prefix((1 << 16) - collected.count)
        }
        return String(decoding: collected, as: UTF8.self)
    }
}
