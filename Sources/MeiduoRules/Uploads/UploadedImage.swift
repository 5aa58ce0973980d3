/// What staff may upload as a picture (goods, ads, lots, course covers): PNG, JPEG, GIF or WebP, told by the file's
/// own first bytes, never by its name or the browser's Content-Type. SVG is refused: it can carry script, and a
/// picture served from the shop's own origin must not.
public enum UploadedImage: String, Sendable, CaseIterable {
    case png, jpeg, gif, webp

    /// The largest picture accepted: 5 MB, enough for a 4000 px product photo.
    public static let maxBytes = 5 << 20

    /// The kind the bytes are, or nil when they are none of the four.
    public static func sniff(_ bytes: some Collection<UInt8>) -> UploadedImage? {
        let head = Array(bytes.prefix(12))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && Array(head[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        return nil
    }

    /// The file name extension the stored key ends with (so nginx can serve it with the right type).
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    public var contentType: String { "image/\(rawValue)" }

    /// Why `bytes` can't be stored as a picture, or nil when they can.
    public static func refusal(size: Int, kind: UploadedImage?) -> String? {
        if size == 0 { return "请选择要上传的图片。" }
        if size > maxBytes { return "图片不能超过 5 MB。" }
        if kind == nil { return "只能上传 PNG、JPEG、GIF 或 WebP 图片。" }
        return nil
    }
}
