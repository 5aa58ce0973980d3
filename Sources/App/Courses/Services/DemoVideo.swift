import Foundation

/// Short lesson videos for the demo course shop, rendered at load time by Debian's `ffmpeg` (installed by the
/// scripts; the demo falls back to drawn slides without it): a few seconds of WebM (VP8) showing the course and
/// lesson title with a running count, in a colour of the course. Nothing binary is kept in the repository.
enum DemoVideo {
    static let seconds = 8

    /// The ffmpeg on PATH, if any.
    static let ffmpeg: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/ffmpeg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var available: Bool { ffmpeg != nil }

    /// Videos rendered by this process, or being rendered: loading the demo again, or twice at once (tests' fresh
    /// databases), waits for the one rendering instead of starting another ffmpeg.
    actor Rendered {
        var videos: [String: Task<[UInt8]?, Never>] = [:]

        func video(_ key: String, render: @escaping @Sendable () async -> [UInt8]?) async -> [UInt8]? {
            if let task = videos[key] { return await task.value }
            let task = Task { await render() }
            videos[key] = task
            let bytes = await task.value
            if bytes == nil { videos[key] = nil }  // a failure may be tried again
            return bytes
        }
    }

    static let rendered = Rendered()

    /// The WebM bytes of a lesson's video, or nil when ffmpeg is missing or fails.
    static func render(title: String, subtitle: String) async -> [UInt8]? {
        await rendered.video(title + "\n" + subtitle) { await renderAfresh(title: title, subtitle: subtitle) }
    }

    static func renderAfresh(title: String, subtitle: String) async -> [UInt8]? {
        guard let ffmpeg else { return nil }
        let folder = NSTemporaryDirectory() + "meiduo-video-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // Titles go through files: drawtext would read `:` and `'` in them as its own syntax.
            try title.write(toFile: folder + "/title.txt", atomically: true, encoding: .utf8)
            try subtitle.write(toFile: folder + "/subtitle.txt", atomically: true, encoding: .utf8)
        } catch {
            return nil
        }
        let (background, foreground) = colours(for: subtitle)
        let font = "font='WenQuanYi Micro Hei'"
        let filter = [
            "drawtext=\(font):textfile=\(folder)/title.txt:fontcolor=\(foreground):fontsize=34:x=(w-text_w)/2:y=(h-text_h)/2-30",
            "drawtext=\(font):textfile=\(folder)/subtitle.txt:fontcolor=\(foreground):fontsize=20:x=(w-text_w)/2:y=h/2+20",
            "drawtext=\(font):text='%{eif\\:t+1\\:d} / \(seconds)':fontcolor=\(foreground):fontsize=18:x=w-text_w-24:y=20",
        ].joined(separator: ",")
        let output = folder + "/lesson.webm"
        let arguments = ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                         "-i", "color=c=\(background):size=640x360:rate=10:duration=\(seconds)", "-vf", filter,
                         "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "120k", "-an", "-f", "webm", output]
        guard await run(ffmpeg, arguments) else { return nil }
        return FileManager.default.contents(atPath: output).map { Array($0) }
    }

    /// A pale background and a dark text colour, the same for every lesson of a course.
    static func colours(for text: String) -> (String, String) {
        let palette = [("0xfde8ef", "0x7b2d5e"), ("0xe6f4ea", "0x1e6b3a"), ("0xe8f0fe", "0x1a4a8a"), ("0xfff4e0", "0x8a5200"),
                       ("0xf1e8fd", "0x5a2d8e"), ("0xe0f7f7", "0x155e63")]
        let hash = text.unicodeScalars.reduce(UInt32(2_166_136_261)) { ($0 ^ $1.value) &* 16_777_619 }
        return palette[Int(hash % UInt32(palette.count))]
    }

    /// Runs a program to the end without holding a thread of the cooperative pool.
    static func run(_ program: String, _ arguments: [String]) async -> Bool {
        await withCheckedContinuation { continuation in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus == 0) }
            do {
                try process.run()
            } catch {
                continuation.resume(returning: false)
            }
        }
    }
}
