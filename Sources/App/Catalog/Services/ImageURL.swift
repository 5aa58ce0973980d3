/// Images are stored as paths (the original's FastDFS file ids); `IMAGE_BASE_URL` turns them into URLs.
public enum ImageURL {
    /// The storage path of an image reference: full URLs on the original FastDFS host lose their host.
    public static func path(of reference: String) -> String {
        for scheme in ["http://", "https://"] where reference.hasPrefix(scheme) {
            let rest = reference.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(of: "/") else { return reference }
            return String(rest[rest.index(after: slash)...])
        }
        return reference
    }

    /// The original's FastDFS image server, whose address rich-text descriptions carry in `<img src>`.
    static let legacyHosts = ["http://image.meiduo.site:8888/"]

    /// Description HTML with pictures on the original's image server pointed at this shop's image base instead.
    public static func rehosting(_ html: String, base: String) -> String {
        let trimmedBase = base.hasSuffix("/") ? base : base + "/"
        return legacyHosts.reduce(html) { $0.replacingOccurrences(of: $1, with: trimmedBase) }
    }

    /// The URL a browser loads; empty stays empty, and absolute URLs stay as they are.
    public static func full(_ path: String, base: String) -> String {
        if path.isEmpty || path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
        return trimmedBase + "/" + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }
}
