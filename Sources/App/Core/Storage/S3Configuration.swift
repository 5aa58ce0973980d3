import Foundation
import NIOCore

/// Where and how to reach an S3-compatible object store.
///
/// - `endpoint`: scheme, host and optional port (and path prefix), e.g. "https://s3.amazonaws.com",
///   "https://oss-cn-hangzhou.aliyuncs.com", "https://s3.cn-east-1.qiniucs.com", "http://127.0.0.1:9000".
/// - `pathStyle`: true → `{endpoint}/{bucket}/{key}` (MinIO, moto); false → virtual-hosted
///   `{scheme}://{bucket}.{host}/{key}` (AWS, OSS and Kodo prefer or require this).
/// - `publicBaseURL`: where browsers fetch objects (a CDN or bucket domain); defaults to the
///   endpoint URL of the object, which only works for public-read buckets.
public struct S3Configuration: Sendable {
    public var endpoint: String
    public var region: String
    public var bucket: String
    public var accessKeyID: String
    public var secretAccessKey: String
    public var pathStyle: Bool
    public var publicBaseURL: String?
    /// Per-request timeout.
    public var timeout: TimeAmount
    /// Largest object `get` will read into memory.
    public var maxObjectSize: Int

    public init(
        endpoint: String,
        region: String,
        bucket: String,
        accessKeyID: String,
        secretAccessKey: String,
        pathStyle: Bool = true,
        publicBaseURL: String? = nil,
        timeout: TimeAmount = .seconds(30),
        maxObjectSize: Int = 64 << 20
    ) {
        self.endpoint = endpoint
        self.region = region
        self.bucket = bucket
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.pathStyle = pathStyle
        self.publicBaseURL = publicBaseURL
        self.timeout = timeout
        self.maxObjectSize = maxObjectSize
    }
}

/// The parts of `S3Configuration.endpoint` requests are built from.
struct S3Endpoint: Sendable, Equatable {
    var scheme: String
    /// Host, plus ":port" when the port is not the scheme's default (this is the Host header).
    var authority: String
    /// Path prefix without trailing "/" ("" for none).
    var basePath: String

    init(_ endpoint: String) throws {
        guard let components = URLComponents(string: endpoint),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { throw S3ConfigurationError.invalidEndpoint(endpoint) }
        self.scheme = scheme
        let defaultPort = scheme == "https" ? 443 : 80
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host  // IPv6
        if let port = components.port, port != defaultPort {
            authority = "\(hostPart):\(port)"
        } else {
            authority = hostPart
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path.removingPercentEncoding ?? path
    }
}

public enum S3ConfigurationError: Error, Equatable, CustomStringConvertible {
    case invalidEndpoint(String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let endpoint): return "S3 endpoint is not an http(s) URL with a host: '\(endpoint)'"
        }
    }
}
