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

    /// Removes uploads a process left in `directory` when it stopped mid-upload: `*.upload` files not written to for
    /// `age` seconds (an upload still arriving is written to all the time). Answers how many went.
    static func sweep(_ directory: String, olderThan age: TimeInterval, now: Date) async throws -> Int {
        try await NIOThreadPool.singleton.runIfActive {
            let manager = FileManager.default
            guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return 0 }
            var removed = 0
            for name in names where name.hasSuffix(".upload") {
                let path = directory + "/" + name
                guard let changed = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                      now.timeIntervalSince(changed) > age, unlink(path) == 0 else { continue }
                removed += 1
            }
            return removed
        }
    }
}

/// Bytes handed on piece by piece as the reader asks for them — pulled, never pushed, so a slow client or store sets
/// the pace and nothing piles up in memory: a response body, an upload to the object store.
public struct ByteChunks: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    /// Makes one reading: each call of what it answers gives the next piece, nil at the end.
    let start: @Sendable () -> (@Sendable () async throws -> ByteBuffer?)

    public struct AsyncIterator: AsyncIteratorProtocol {
        let pull: @Sendable () async throws -> ByteBuffer?
        public mutating func next() async throws -> ByteBuffer? { try await pull() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pull: start()) }

    /// All of it at once (small things: a file's first bytes).
    func collect() async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await piece in self { bytes += piece.readableBytesView }
        return bytes
    }
}

/// A file read in pieces of 256 KiB on NIO's thread pool, each when the reader asks for it.
enum FilePieces {
    static func chunks(_ path: String, range: Range<Int>? = nil) throws -> ByteChunks {
        guard FileManager.default.isReadableFile(atPath: path) else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        return ByteChunks {
            let reader = FileReader(path: path, offset: range?.lowerBound ?? 0, end: range?.upperBound ?? Int.max)
            return { try await reader.next() }
        }
    }

    /// One reading of a file; used by one iterator at a time. The handle closes when the reading is done or dropped.
    final class FileReader: @unchecked Sendable {
        let path: String
        var offset: Int
        let end: Int
        var handle: FileHandle?
        var finished = false

        init(path: String, offset: Int, end: Int) {
            self.path = path
            self.offset = offset
            self.end = end
        }

        deinit { try? handle?.close() }

        func next() async throws -> ByteBuffer? {
            guard !finished, offset < end else { return nil }
            let wanted = min(256 << 10, end - offset)
            let data = try await NIOThreadPool.singleton.runIfActive { [self] () -> Data in
                if handle == nil {
                    guard let opened = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
                    handle = opened
                    if offset > 0 { try opened.seek(toOffset: UInt64(offset)) }
                }
                return try handle!.read(upToCount: wanted) ?? Data()
            }
            guard !data.isEmpty else {  // the end of the file (or shortened meanwhile)
                finished = true
                try? handle?.close()
                handle = nil
                return nil
            }
            offset += data.count
            return ByteBuffer(bytes: data)
        }
    }
}

/// A file handle passed to the thread pool; only one task uses it at a time.
final class HandleBox: @unchecked Sendable {
    let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }
}
