import Foundation
import NIOCore
import NIOPosix

/// Files on the local disk under `root` (key `goods/a.jpg` → `<root>/goods/a.jpg`), served by
/// the app (or a web server) at `baseURL`, e.g. "http://127.0.0.1:8080/media".
///
/// Writes go to a temporary file in the target folder, are flushed, then renamed over the
/// target, so readers see either the old or the new content, never a partial file.
/// Blocking file I/O runs on NIO's shared thread pool, not on Swift's cooperative threads.
public struct LocalFileStorage: FileStorage {
    public let root: String
    public let baseURL: String
    /// Signs the URLs of private files, which `MediaController` checks before serving them.
    public let signature: MediaURLSignature

    public init(root: String, baseURL: String, signature: MediaURLSignature = MediaURLSignature(secret: UUID().uuidString)) {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
        self.baseURL = baseURL
        self.signature = signature
    }

    /// `<baseURL>/<key>?expires=<unix seconds>&signature=<hex HMAC>`.
    public func signedURL(for key: String, expires: Date, now: Date) -> String {
        let seconds = Int(expires.timeIntervalSince1970.rounded(.up))
        return url(for: key) + "?expires=\(seconds)&signature=\(signature.sign(key: key, expires: seconds))"
    }

    public func put(_ data: [UInt8], key: String, contentType: String) async throws {
        let path = try self.path(for: key)
        try await NIOThreadPool.singleton.runIfActive {
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temporary = directory + "/.\(UUID().uuidString).upload-tmp"
            do {
                try Self.write(data, to: temporary)
                guard rename(temporary, path) == 0 else { throw Self.posixError() }
            } catch {
                unlink(temporary)
                throw error
            }
        }
    }

    public func get(key: String) async throws -> [UInt8]? {
        let path = try self.path(for: key)
        return try await NIOThreadPool.singleton.runIfActive {
            // A folder made for longer keys ("goods" when "goods/a.jpg" exists) is not an object.
            guard Self.isRegularFile(path) else { return nil }
            do {
                return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
                return nil  // deleted between the check and the read
            }
        }
    }

    public func delete(key: String) async throws {
        let path = try self.path(for: key)
        try await NIOThreadPool.singleton.runIfActive {
            guard Self.isRegularFile(path) else { return }
            if unlink(path) != 0 && errno != ENOENT { throw Self.posixError() }
        }
    }

    /// `<root>/.staging`: on the same disk as the files, so moving an upload in is a rename; never served (keys may not
    /// have a segment starting with ".").
    public var stagingDirectory: String { (root == "/" ? "" : root) + "/.staging" }

    public func putFile(at staged: String, size: Int, sha256: String, key: String, contentType: String) async throws {
        let path = try self.path(for: key)
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if rename(staged, path) == 0 { return }
            guard errno == EXDEV else { throw Self.posixError() }
            // The staging folder is on another disk after all (a mount under the root): copy, then rename into place.
            let temporary = (path as NSString).deletingLastPathComponent + "/.\(UUID().uuidString).upload-tmp"
            do {
                try FileManager.default.copyItem(atPath: staged, toPath: temporary)
                guard rename(temporary, path) == 0 else { throw Self.posixError() }
            } catch {
                unlink(temporary)
                throw error
            }
        }
    }

    public func stat(key: String) async throws -> StoredObject? {
        let path = try self.path(for: key)
        return try await NIOThreadPool.singleton.runIfActive {
            regularFileInfo(path).map { StoredObject(size: $0.size, version: String($0.size, radix: 16) + "-" + String($0.changed, radix: 16)) }
        }
    }

    public func read(key: String, range: Range<Int>) async throws -> ByteChunks {
        try FilePieces.chunks(try path(for: key), range: range)
    }

    public func url(for key: String) -> String {
        StorageKey.url(base: baseURL, key: key)
    }

    /// The file for `key`; throws `StorageError.invalidKey` for keys that could leave `root`.
    func path(for key: String) throws -> String {
        try StorageKey.validate(key)
        return (root == "/" ? "" : root) + "/" + key
    }

    private static func write(_ data: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    private static func posixError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}

/// `stat(2)` of a regular file: its size and change time in nanoseconds; nil for anything else or nothing.
private func regularFileInfo(_ path: String) -> (size: Int, changed: Int64)? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return (Int(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
}
