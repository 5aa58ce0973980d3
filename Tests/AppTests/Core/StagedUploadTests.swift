import Crypto
import Foundation
import Hummingbird
import NIOCore
import Testing
@testable import App

/// Large uploads never pass through memory whole: written to disk as they arrive (hashed on the way), moved into
/// local storage by a rename, read back in ranges; past their ceiling they stop being read and leave nothing.
@Suite struct StagedUploadTests {
    func folder() -> String {
        let path = FileManager.default.temporaryDirectory.path + "/staged-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The body as a client sends it: in pieces.
    func body(_ bytes: [UInt8], pieces: Int = 7) -> RequestBody {
        let size = max(1, bytes.count / pieces)
        let chunks = stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<min($0 + size, bytes.count)]) }
        return RequestBody(asyncSequence: chunks.async)
    }

    @Test func anUploadIsWrittenToDiskWithItsSizeHashAndFirstBytes() async throws {
        // setup: FIPS 180-2's "abc", whose SHA-256 the standard gives
        let directory = folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // act
        let staged = try await StagedFile.receive(body(Array("abc".utf8), pieces: 3), into: directory, limit: 10)
        // check
        #expect(staged.size == 3 && staged.head == Array("abc".utf8))
        #expect(staged.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(FileManager.default.contents(atPath: staged.path) == Data("abc".utf8))
    }

    @Test func aBodyPastItsCeilingStopsAndLeavesNoFile() async throws {
        // setup
        let directory = folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // act
        let refused = await #expect(throws: StagedFile.TooLarge.self) {
            try await StagedFile.receive(body([UInt8](repeating: 7, count: 1_000)), into: directory, limit: 999)
        }
        // check
        #expect(refused != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func localStorageMovesTheUploadInAndReadsItBackInRanges() async throws {
        // setup: 1 MiB and a bit, more than one 256 KiB piece
        let root = folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = LocalFileStorage(root: root, baseURL: "http://127.0.0.1/media")
        let bytes = (0..<(1 << 20) + 123).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let staged = try await StagedFile.receive(body(bytes), into: storage.stagingDirectory, limit: 2 << 20)
        // act
        try await storage.putFile(at: staged.path, size: staged.size, sha256: staged.sha256, key: "private/lessons/a.mp4", contentType: "video/mp4")
        let object = try await storage.stat(key: "private/lessons/a.mp4")
        let middle = try await storage.read(key: "private/lessons/a.mp4", range: 300_000..<700_001).collect()
        let whole = try await storage.read(key: "private/lessons/a.mp4", range: 0..<bytes.count).collect()
        // check
        #expect(object?.size == bytes.count)
        #expect(middle == Array(bytes[300_000..<700_001]) && whole == bytes)
        #expect(!FileManager.default.fileExists(atPath: staged.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: storage.stagingDirectory).isEmpty)
    }

    @Test func uploadsLeftByAStoppedProcessAreSweptAfterADay() async throws {
        // setup: an upload left two days ago, one still arriving, and a file that is not an upload
        let directory = folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let now = Date()
        for (name, age) in [("left.upload", 2 * 86_400.0), ("arriving.upload", 5.0), ("notes.txt", 2 * 86_400.0)] {
            FileManager.default.createFile(atPath: directory + "/" + name, contents: Data("x".utf8))
            try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-age)], ofItemAtPath: directory + "/" + name)
        }
        // act
        let removed = try await StagedFile.sweep(directory, olderThan: 86_400, now: now)
        // check
        #expect(removed == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["arriving.upload", "notes.txt"])
    }

    @Test func theStagingFolderIsNeverServed() async throws {
        // check: keys with a segment starting with "." are no keys
        #expect(!StorageKey.isValid(".staging/abc.upload") && !StorageKey.isValid("goods/.x.upload-tmp") && StorageKey.isValid("goods/a.png"))
    }
}
