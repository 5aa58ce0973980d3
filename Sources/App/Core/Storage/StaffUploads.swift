import Foundation
import Hummingbird
import MeiduoRules

/// Files staff upload from the back office — pictures (goods, ads, lots) and lessons' media: the request body is the file itself (the page
/// sends `fetch(url, {body: file})`), checked by its own bytes (`UploadedImage`) and stored through the storage
/// backend under `<folder>/<yyyy>/<mm>/<uuid>.<ext>` — a fresh key per upload, so a cached old picture never shows
/// in place of a new one. Answers the key; the caller records it with its row.
struct StaffUploads: Sendable {
    let services: AppServices

    /// Stores the uploaded picture under `folder` (e.g. `goods`) and answers its storage key.
    func store(_ request: Request, folder: String) async throws -> String {
        // A picture is read no further than one byte past its ceiling (anyone signed in may upload one: the community);
        // a longer body is refused as the oversize picture it is.
        var request = request
        guard let buffer = try? await request.collectBody(upTo: UploadedImage.maxBytes + 1) else {
            throw APIError.field("image", UploadedImage.refusal(size: UploadedImage.maxBytes + 1, kind: nil)!)
        }
        let bytes = Array(buffer.readableBytesView)
        let kind = UploadedImage.sniff(bytes)
        if let refusal = UploadedImage.refusal(size: bytes.count, kind: kind) { throw APIError.field("image", refusal) }
        let key = Self.key(folder: folder, kind: kind!, now: services.clock.now())
        try await services.storage.put(bytes, key: key, contentType: kind!.contentType)
        return key
    }

    /// Stores an uploaded lesson video or document under `folder` (a `private/…` one: served only by signed URL) and
    /// answers its key and kind; `suits` says whether that kind may go with the lesson. The body is written to disk as
    /// it arrives and moved on to storage from there (`StagedFile`): a 2 GB video never sits in memory.
    func storeMedia(_ request: Request, folder: String, suits: (UploadedMedia) -> Bool) async throws -> (key: String, kind: UploadedMedia) {
        let staged: StagedFile
        do {
            staged = try await StagedFile.receive(request.body, into: services.storage.stagingDirectory, limit: UploadedMedia.maxBytes)
        } catch is StagedFile.TooLarge {
            throw APIError(.contentTooLarge, .fields(["file": [UploadedMedia.refusal(size: UploadedMedia.maxBytes + 1, kind: nil)!]]))
        }
        defer { staged.discard() }
        let kind = UploadedMedia.sniff(staged.head)
        if let refusal = UploadedMedia.refusal(size: staged.size, kind: kind) { throw APIError.field("file", refusal) }
        guard suits(kind!) else { throw APIError.field("file", "视频课时请上传视频，文档和练习请上传 PDF。") }
        let key = Self.key(folder: folder, fileExtension: kind!.fileExtension, now: services.clock.now())
        try await services.storage.putFile(at: staged.path, size: staged.size, sha256: staged.sha256, key: key, contentType: kind!.contentType)
        return (key, kind!)
    }

    static func key(folder: String, kind: UploadedImage, now: Date) -> String {
        key(folder: folder, fileExtension: kind.fileExtension, now: now)
    }

    static func key(folder: String, fileExtension: String, now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: now)
        return String(format: "%@/%04d/%02d/%@.%@", folder, parts.year!, parts.month!, UUID().uuidString.lowercased(), fileExtension)
    }
}
