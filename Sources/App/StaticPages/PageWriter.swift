#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes generated pages under one folder so that a reader (the file middleware, nginx) sees either the
/// old page or the new one, never half of one: each page goes to a temporary file beside it, then `rename(2)`.
struct PageWriter: Sendable {
    let root: URL

    init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true)
    }

    /// Writes `text` to `relativePath` (e.g. `goods/1.html`), creating folders as needed.
    func write(_ text: String, to relativePath: String) throws {
        let target = root.appendingPathComponent(relativePath)
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            // Readable by a web server running as another user, whatever the umask did to the temporary file.
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: temporary.path)
            guard rename(temporary.path, target.path) == 0 else {
                throw PageWriteError(path: target.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Removes `relativePath` if it exists; returns whether something was removed.
    @discardableResult
    func remove(_ relativePath: String) throws -> Bool {
        let target = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: target.path) else { return false }
        try FileManager.default.removeItem(at: target)
        return true
    }

    /// The names of the files in `folder` (none when it does not exist), temporary files excluded.
    func files(in folder: String) -> [String] {
        let path = root.appendingPathComponent(folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }
    }
}

public struct PageWriteError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
