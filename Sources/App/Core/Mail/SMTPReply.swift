import NIOCore

/// One complete server reply; multi-line replies (`250-a`, `250-b`, `250 c`) are joined.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    var text: String { lines.joined(separator: " | ") }
}

/// The keywords of an EHLO reply, e.g. `STARTTLS` or `AUTH PLAIN LOGIN`.
struct SMTPExtensions: Sendable, Equatable {
    /// Upper-cased keyword → upper-cased parameters.
    private(set) var keywords: [String: [String]] = [:]

    init(ehloReply: SMTPReply) {
        // The first line is the server's greeting name, not an extension.
        for line in ehloReply.lines.dropFirst() {
            // Some old servers advertise `AUTH=PLAIN LOGIN`; treat '=' like a space.
            let words = line.uppercased()
                .split(whereSeparator: { $0 == " " || $0 == "=" })
                .map(String.init)
            guard let keyword = words.first else { continue }
            keywords[keyword, default: []].append(contentsOf: words.dropFirst())
        }
    }

    func supports(_ keyword: String) -> Bool {
        keywords[keyword.uppercased()] != nil
    }

    var authMechanisms: [String]? {
        keywords["AUTH"]
    }
}

/// Splits the byte stream into lines and groups them into `SMTPReply` values (RFC 5321 §4.2).
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// RFC 5321 allows 512 bytes per reply line; be lenient but bounded.
    static let maxLineLength = 8192

    private var pending: SMTPReply?

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maxLineLength {
                throw SMTPError.malformedReply("line longer than \(Self.maxLineLength) bytes")
            }
            return .needMoreData
        }
        var line = buffer.readString(length: newline - view.startIndex + 1) ?? ""
        while let last = line.last, last.isNewline {
            line.removeLast()
        }
        if let reply = try append(line) {
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        // A trailing partial line at EOF is dropped; the reader then sees the channel close.
        try decode(context: context, buffer: &buffer)
    }

    /// Adds one line; returns the reply once its last line (`NNN ` or bare `NNN`) arrives.
    private mutating func append(_ line: String) throws -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3,
              bytes[0..<3].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let code = Int(String(decoding: bytes[0..<3], as: UTF8.self))
        else { throw SMTPError.malformedReply(line) }

        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPError.malformedReply(line)
        }
        if let pending, pending.code != code {
            throw SMTPError.malformedReply("code changed inside a multi-line reply: \(line)")
        }
        let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
        var reply = pending ?? SMTPReply(code: code, lines: [])
        reply.lines.append(text)
        if separator == UInt8(ascii: "-") {
            pending = reply
            return nil
        }
        pending = nil
        return reply
    }
}
