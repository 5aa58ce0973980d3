import Crypto
import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// An upload written to disk as it arrives (a lesson's video may be larger than the server would hold in memory),
/// hashed on the way (S3 signs the payload's SHA-256), with its first bytes kept to tell what it is. The storage
/// backend moves it in (`FileStorage.putFile`); whatever is left on disk afterwards is discarded.
struct StagedFile: Sendable {
    let path: String
    let size: Int
    /// Lowercase hex.
    let sha256: String
    /// The first 64 bytes, enough for `UploadedMedia.sniff`.
    let head: [UInt8]

    struct TooLarge: Error {}

    /// Writes `body` to a new file in `directory`; throws `TooLarge` as soon as it passes `limit` bytes (the file goes).
    static func receive(_ body: RequestBody, into directory: String, limit: Int) async throws -> StagedFile {
        let path = directory + "/" + UUID().uuidString.lowercased() + ".upload"
        let handle = try await NIOThreadPool.singleton.runIfActive { () -> HandleBox in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            return HandleBox(handle)
        }
        var hasher = SHA256()
        var size = 0
        var head: [UInt8] = []
        do {
            for try await chunk in body {
                size += chunk.readableBytes
                if size > limit { throw TooLarge() }
                if head.count < 64 { head += chunk.readableBytesView.prefix(64 - head.count) }
                chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                let data = Data(chunk.readableBytesView)
                try await NIOThreadPool.singleton.runIfActive { try handle.handle.write(contentsOf: data) }
            }
            try await NIOThreadPool.singleton.runIfActive {
                try handle.handle.synchronize()
                try handle.handle.close()
            }
        } catch {
            try? handle.handle.close()
            unlink(path)
            throw error
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return StagedFile(path: path, size: size, sha256: digest, head: head)
    }

    /// Removes the file if it is still there (moved in by a local store, it is not).
    func discard() {
        unlink(path)
    }
}

/// A file read in pieces of 256 KiB on NIO's thread pool as the reader asks for them: a response body or an
/// upload to the object store, never the whole file in memory.
enum FilePieces {
    static func stream(_ path: String, range: Range<Int>? = nil) throws -> AsyncThrowingStream<ByteBuffer, any Error> {
        guard let opened = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        let handle = HandleBox(opened)
        return AsyncThrowingStream { continuation in
            let task = Task {
                defer { try? handle.handle.close() }
                do {
                    var offset = range?.lowerBound ?? 0
                    let end = range?.upperBound ?? Int.max
                    let start = UInt64(offset)
                    if start > 0 { try await NIOThreadPool.singleton.runIfActive { try handle.handle.seek(toOffset: start) } }
                    while offset < end, !Task.isCancelled {
                        let wanted = min(256 << 10, end - offset)
                        let data = try await NIOThreadPool.singleton.runIfActive { try handle.handle.read(upToCount: wanted) ?? Data() }
                        guard !data.isEmpty else { break }  // the end of the file (or shortened meanwhile)
                        offset += data.count
                        continuation.yield(ByteBuffer(bytes: data))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// A file handle passed to the thread pool; only one task uses it at a time.
final class HandleBox: @unchecked Sendable {
    let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }
}
