import Foundation
import Hummingbird

/// `GET /media/<key>`: files from the storage backend (local or S3-compatible), so `IMAGE_BASE_URL` can point
/// at the shop itself whatever stores the files. Stored keys may have no extension (the original's FastDFS
/// ids), so the type is read from the first bytes.
struct MediaController {
    let storage: any FileStorage
    /// Checks the signed URLs of `private/` keys (nil: the storage is not local, so nothing here is private).
    let signature: MediaURLSignature?
    let clock: ShopClock

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("media/**", use: file)
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let key = context.parameters.getCatchAll().joined(separator: "/")
        guard StorageKey.isValid(key) else { throw APIError.notFound }
        let isPrivate = PrivateMedia.isPrivate(key)
        if isPrivate {
            let query = request.uri.queryParameters
            guard let signature, signature.isValid(key: key, expires: query["expires"].map(String.init),
                                                   signature: query["signature"].map(String.init), now: clock.now()) else {
                throw APIError(.forbidden, .detail("链接无效或已过期。"))
            }
        }
        guard let object = try await storage.stat(key: key) else { throw APIError.notFound }
        let etag = "\"\(object.version)\""
        // The type the store kept, or else from the first bytes (stored keys may have no extension); the body read in
        // pieces as it is sent.
        var type = object.contentType
        if type == nil { type = Self.contentType(of: try await storage.read(key: key, range: 0..<min(512, object.size)).collect(), key: key) }
        var headers: HTTPFields = [.contentType: type!, .eTag: etag,
                                   .cacheControl: isPrivate ? "private, no-store" : "public, max-age=86400"]
        headers[.acceptRanges] = "bytes"
        if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: headers) }
        // A video player asks for pieces (seeking, or the tail where WebM keeps its cues): one range per request.
        var status = HTTPResponse.Status.ok
        var slice = 0..<object.size
        if let range = request.headers[.range].flatMap({ ByteRange.parse($0, size: object.size) }) {
            guard let range else {
                headers[.contentRange] = "bytes */\(object.size)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(object.size)"
            status = .partialContent
            slice = range
        }
        headers[.contentLength] = String(slice.count)
        if request.method == .head || slice.isEmpty { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: ResponseBody(asyncSequence: try await storage.read(key: key, range: slice)))
    }

    static func contentType(of bytes: [UInt8], key: String) -> String {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        if bytes.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) { return "video/webm" }  // EBML, as WebM (and Matroska) files start
        if bytes.count > 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        let head = String(decoding: bytes.prefix(256), as: UTF8.self)
        if head.hasPrefix("<svg") || (head.hasPrefix("<?xml") && head.contains("<svg")) { return "image/svg+xml" }
        let fromExtension = StaticFileCache.contentType(forExtension: (key as NSString).pathExtension.lowercased())
        return fromExtension
    }
}

/// One `Range: bytes=…` request header (RFC 9110 §14.1.2) against a file of `size` bytes.
enum ByteRange {
    /// nil: not a single byte range this server serves (the whole file is answered); `.some(nil)`: unsatisfiable (416);
    /// otherwise the bytes asked for, clipped to the file.
    static func parse(_ header: String, size: Int) -> Range<Int>?? {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst("bytes=".count).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        let first = spec[0].trimmingCharacters(in: .whitespaces), last = spec[1].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            // The last n bytes.
            guard let suffix = Int(last), suffix >= 0 else { return nil }
            guard suffix > 0, size > 0 else { return .some(nil) }
            return .some(max(0, size - suffix)..<size)
        }
        guard let start = Int(first), start >= 0 else { return nil }
        guard start < size else { return .some(nil) }
        if last.isEmpty { return .some(start..<size) }
        guard let end = Int(last), end >= start else { return nil }
        return .some(start..<min(end + 1, size))
    }
}
