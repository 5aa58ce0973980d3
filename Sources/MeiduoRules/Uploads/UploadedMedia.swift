/// A lesson's media staff upload (seed 002/003: course videos and documents in object storage): MP4 or WebM video,
/// or a PDF, told by the file's own first bytes.
public enum UploadedMedia: String, Sendable, CaseIterable {
    case mp4, webm, pdf

    /// The largest file accepted: 2 GB, a long lesson in HD. Uploads are streamed to disk and on to storage as they
    /// arrive, never held in memory, so the ceiling is the disk's and the store's, not the server's memory.
    public static let maxBytes = 2 << 30

    public static func sniff(_ bytes: some Collection<UInt8>) -> UploadedMedia? {
        let head = Array(bytes.prefix(12))
        if head.count >= 8, Array(head[4..<8]) == Array("ftyp".utf8) { return .mp4 }
        if head.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) { return .webm }
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        return nil
    }

    public var fileExtension: String { rawValue }

    public var contentType: String {
        switch self {
        case .mp4: "video/mp4"
        case .webm: "video/webm"
        case .pdf: "application/pdf"
        }
    }

    /// Whether it suits a lesson of this kind: a video lesson plays a video, a document lesson shows a PDF.
    public func suits(_ kind: CourseRules.LessonKind) -> Bool {
        switch self {
        case .mp4, .webm: kind == .video
        case .pdf: kind != .video
        }
    }

    public static func refusal(size: Int, kind: UploadedMedia?) -> String? {
        if size == 0 { return "请选择要上传的文件。" }
        if size > maxBytes { return "文件不能超过 2 GB。" }
        if kind == nil { return "只能上传 MP4、WebM 视频或 PDF 文档。" }
        return nil
    }
}
