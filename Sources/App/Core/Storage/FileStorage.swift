import Foundation
import NIOCore

/// Where uploaded files (goods images, avatars, ...) live: the local disk in development,
/// an S3-compatible object store (AWS S3, MinIO, Aliyun OSS, Qiniu Kodo) in production.
///
/// Keys are relative, `/`-separated paths such as `goods/2024/abc.jpg`; every method refuses a
/// key that `StorageKey.validate` refuses by throwing `StorageError.invalidKey`.
public protocol FileStorage: Sendable {
    /// Stores `data` under `key`, replacing any previous content.
    func put(_ data: [UInt8], key: String, contentType: String) async throws
    /// The content stored under `key`, or nil when there is none.
    func get(key: String) async throws -> [UInt8]?
    /// Removes `key`; removing a key that does not exist is not an error.
    func delete(key: String) async throws
    /// The public URL a browser can fetch `key` from (no request is made).
    func url(for key: String) -> String
    /// A URL that lets a browser fetch `key` until `expires` and not after, for files only some people may see
    /// (course lessons, under `private/`): S3's presigned URL, or the shop's own `/media/` URL with an HMAC.
    func signedURL(for key: String, expires: Date, now: Date) -> String

    // Large files (lesson videos) never pass through memory whole: an upload is written to `stagingDirectory` as it
    // arrives and moved in by `putFile`; `/media/` answers from `stat` and `read`, piece by piece.

    /// Where an upload is written while it arrives: on the storage's own disk for local storage, so that moving it
    /// in is a rename.
    var stagingDirectory: String { get }
    /// Moves the finished upload at `path` (`size` bytes whose SHA-256 is `sha256`, lowercase hex) in under `key`.
    func putFile(at path: String, size: Int, sha256: String, key: String, contentType: String) async throws
    /// The object's size and a validator that changes with its content, or nil when there is none.
    func stat(key: String) async throws -> StoredObject?
    /// The bytes of `range` of the object, in pieces as they are read.
    func read(key: String, range: Range<Int>) async throws -> ByteChunks
}

/// What `stat` tells of a stored object.
public struct StoredObject: Sendable, Equatable {
    public let size: Int
    /// Changes whenever the content does (the file's change time, the store's ETag): the `ETag` `/media/` answers.
    public let version: String
    /// The type the store keeps with the object (S3's `Content-Type`, set at upload); nil when it keeps none (a
    /// local file), and `/media/` tells it from the first bytes.
    public var contentType: String? = nil
}

extension FileStorage {
    /// A stored picture's address for a page: keys become public URLs; an address already absolute, or none, stays.
    public func imageURL(_ key: String) -> String {
        key.isEmpty || key.hasPrefix("http") ? key : url(for: key)
    }
}

/// The prefix of keys the shop serves only through signed URLs.
public enum PrivateMedia {
    public static let prefix = "private/"

    public static func isPrivate(_ key: String) -> Bool { key.hasPrefix(prefix) }
}

public enum StorageError: Error, Equatable, CustomStringConvertible {
    /// The key is empty, absolute, contains `..`, an empty or `.` segment, a backslash,
    /// a control character, or is longer than 1024 UTF-8 bytes.
    case invalidKey
    /// The object store answered with a non-2xx status.
    case http(status: Int, body: String)

    public var description: String {
        switch self {
        case .invalidKey: return "invalid storage key"
        case .http(let status, let body): return "storage server answered \(status): \(body.prefix(500))"
        }
    }
}

public enum StorageKey {
    /// S3's limit for object keys, in UTF-8 bytes.
    public static let maxLength = 1024

    /// Throws `StorageError.invalidKey` unless `key` is a safe relative path.
    public static func validate(_ key: String) throws {
        guard isValid(key) else { throw StorageError.invalidKey }
    }

    public static func isValid(_ key: String) -> Bool {
        guard !key.isEmpty, key.utf8.count <= maxLength,
              !key.hasPrefix("/"), !key.contains(".."), !key.contains("\\")
        else { return false }
        // Cc covers C0 (incl. NUL, CR, LF, TAB), DEL and C1 controls.
        if key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return false
        }
        // No empty ("a//b", "a/") segments, nor ones starting with "." ("." would alias other keys on disk; ".staging"
        // and ".x.upload-tmp" are uploads still arriving, never served).
        return key.split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") }
    }

    /// `base` + "/" + key, each key segment percent-encoded per RFC 3986 (`goods/a b.jpg` →
    /// `goods/a%20b.jpg`); keys made of unreserved characters are unchanged.
    static func url(base: String, key: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + SigV4Signer.uriEncode(key, encodeSlash: false)
    }
}
