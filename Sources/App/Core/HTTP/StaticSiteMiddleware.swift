import CompressNIO
import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Serves the storefront's files: the generated pages (`PUBLIC_DIR`), the hand-written pages and scripts
/// bundled with the app, and the browser libraries from Debian's packages under `/static/<library>/`.
/// Every answer carries an `ETag` (a revalidation answers 304) and a `Cache-Control`; text is sent gzipped to
/// clients that accept it. Files are read on NIO's thread pool and kept in memory with their gzipped copy
/// until they change on disk.
public struct StaticSiteMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// URL prefix → folder; the first folder holding the file answers.
    public struct Root: Sendable {
        public let prefix: String
        public let directory: String
        /// Debian's libraries change only with a package upgrade; pages and our scripts may change at any time.
        public let immutable: Bool

        public init(prefix: String, directory: String, immutable: Bool = false) {
            self.prefix = prefix
            self.directory = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
            self.immutable = immutable
        }
    }

    let roots: [Root]
    let cache = StaticFileCache()

    public init(roots: [Root]) {
        self.roots = roots
    }

    /// The shop's roots: generated pages first (they override nothing else), then the bundled pages, then
    /// the libraries from `/usr/share/javascript`.
    public static func storefront(publicDirectory: String?) -> StaticSiteMiddleware {
        var roots: [Root] = []
        if let publicDirectory { roots.append(Root(prefix: "/", directory: publicDirectory)) }
        if let web = Bundle.module.url(forResource: "web", withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "web", withExtension: nil) {
            roots.append(Root(prefix: "/", directory: web.path))
        }
        for (name, folder) in [("vue", "vue"), ("bootstrap5", "bootstrap5"), ("popper", "popperjs2"), ("qrcode", "qrcode-generator"), ("chartjs", "chart.js")] {
            roots.append(Root(prefix: "/static/\(name)/", directory: "/usr/share/javascript/\(folder)", immutable: true))
        }
        return StaticSiteMiddleware(roots: roots)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // A page folder named without its slash (`/admin`) is sent to it, so the page's relative links hold.
        if request.method == .get, Self.pageFolders.contains(request.uri.path + "/") {
            return Response(status: .movedPermanently, headers: [.location: request.uri.path + "/"])
        }
        // API paths end in "/" (`/skus/1/`) and never name a file: they pass straight through, with no disk
        // look-up on the hot path. Files are "/" (the home page) and names with an extension.
        guard request.method == .get || request.method == .head, Self.namesAFile(request.uri.path),
              let relative = Self.safePath(request.uri.path) else {
            return try await next(request, context)
        }
        for root in roots where relative.hasPrefix(root.prefix) {
            let path = root.directory + "/" + relative.dropFirst(root.prefix.count)
            guard let file = try await cache.file(at: path) else { continue }
            return response(for: file, root: root, request: request)
        }
        return try await next(request, context)
    }

    func response(for file: StaticFile, root: Root, request: Request) -> Response {
        var headers: HTTPFields = [.contentType: file.contentType, .eTag: file.etag]
        headers[.cacheControl] = root.immutable ? "public, max-age=2592000" : "no-cache"
        if file.gzipped != nil { headers[.vary] = "Accept-Encoding" }
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == file.etag }) {
            return Response(status: .notModified, headers: headers)
        }
        var body = file.body
        if let gzipped = file.gzipped, request.headers[.acceptEncoding]?.contains("gzip") == true {
            body = gzipped
            headers[.contentEncoding] = "gzip"
        }
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: .ok, headers: headers, body: request.method == .head ? .init() : .init(byteBuffer: body))
    }

    /// Folders whose `index.html` answers for them, like "/" (the back office's single page at `/admin/`).
    static let pageFolders: Set<String> = ["/admin/"]

    /// "/", a page folder, or a last segment with an extension (`index.html`, `shop.js`, `goods/1.html`).
    static func namesAFile(_ path: String) -> Bool {
        if path == "/" || pageFolders.contains(path) { return true }
        guard let last = path.split(separator: "/", omittingEmptySubsequences: false).last, !last.isEmpty else { return false }
        return last.contains(".")
    }

    /// The request path with `/` → `/index.html`, or nil for anything that could leave a root.
    static func safePath(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.contains(".."), !path.contains("\\"), !path.contains("\0"),
              let decoded = path.removingPercentEncoding, !decoded.contains("..") else { return nil }
        return decoded.hasSuffix("/") ? decoded + "index.html" : decoded
    }
}

/// A file as served: its bytes, and for text also gzipped, with the validator built from size and change time.
struct StaticFile: Sendable {
    let body: ByteBuffer
    let gzipped: ByteBuffer?
    let contentType: String
    let etag: String
    let modified: Double
    let size: Int
}

/// Files read once and kept while their size and change time stay the same.
final class StaticFileCache: Sendable {
    private let files = NIOLockedValueBox<[String: StaticFile]>([:])
    static let capacity = 4_000
    static let largestCached = 4 << 20

    func file(at path: String) async throws -> StaticFile? {
        let cached = files.withLockedValue { $0[path] }
        return try await NIOThreadPool.singleton.runIfActive { [files] in
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            let size = Int(info.st_size)
            if let cached, cached.modified == modified, cached.size == size { return cached }
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let file = Self.make(data: data, path: path, modified: modified)
            if data.count <= Self.largestCached {
                files.withLockedValue { files in
                    if files.count >= Self.capacity { files.removeAll(keepingCapacity: true) }
                    files[path] = file
                }
            }
            return file
        }
    }

    static func make(data: Data, path: String, modified: Double) -> StaticFile {
        let type = contentType(forExtension: (path as NSString).pathExtension.lowercased())
        let body = ByteBuffer(bytes: data)
        var gzipped: ByteBuffer?
        if isCompressible(type), data.count > 512 {
            var input = body
            gzipped = try? input.compress(with: .gzip())
        }
        let etag = "\"\(String(data.count, radix: 16))-\(String(Int64(modified * 1000), radix: 16))\""
        return StaticFile(body: body, gzipped: gzipped, contentType: type, etag: etag, modified: modified, size: data.count)
    }

    static func isCompressible(_ type: String) -> Bool {
        type.hasPrefix("text/") || type.hasPrefix("application/javascript") || type.hasPrefix("application/json") || type.hasPrefix("image/svg")
    }

    static func contentType(forExtension ext: String) -> String {
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "application/javascript; charset=utf-8"
        case "json", "map": return "application/json; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "txt": return "text/plain; charset=utf-8"
        case "mp4": return "video/mp4"
        case "webm": return "video/webm"
        default: return "application/octet-stream"
        }
    }
}
