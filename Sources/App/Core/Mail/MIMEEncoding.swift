import Foundation

/// Renders a `MailMessage` as an RFC 5322 / MIME document (UTF-8, base64 bodies).
enum MIMEEncoding {
    /// Bytes per encoded word: base64(45) is 60 chars, plus `=?UTF-8?B??=` stays within
    /// the 75-char limit of RFC 2047.
    static let maxEncodedWordBytes = 45

    static func render(
        _ message: MailMessage,
        from: MailAddress,
        to: [MailAddress],
        date: Date = ShopClock.system.now(),
        messageID: String? = nil,
        boundary: String = "=_meiduo_\(UUID().uuidString)"
    ) -> String {
        var headers = [
            "From: \(from.headerValue)",
            "To: \(to.map(\.headerValue).joined(separator: ",\r\n "))",
            "Subject: \(encodedHeaderText(message.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: \(messageID ?? "<\(UUID().uuidString)@\(from.domain)>")",
            "MIME-Version: 1.0",
        ]
        let body: String
        if let html = message.htmlBody {
            headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            body = [
                "This is a multi-part message in MIME format.",
                "--\(boundary)",
                textPart(message.textBody, subtype: "plain"),
                "--\(boundary)",
                textPart(html, subtype: "html"),
                "--\(boundary)--",
                "",
            ].joined(separator: "\r\n")
        } else {
            headers.append("Content-Type: text/plain; charset=UTF-8")
            headers.append("Content-Transfer-Encoding: base64")
            body = base64Lines(message.textBody) + "\r\n"
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    /// Prepares a rendered message for the DATA phase: CRLF line ends, leading dots
    /// doubled (RFC 5321 §4.5.2) and the terminating `CRLF.CRLF`.
    static func dataPayload(_ rendered: String) -> String {
        var lines = normalizedLineEnds(rendered).components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        let stuffed = lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }
        return stuffed.joined(separator: "\r\n") + "\r\n.\r\n"
    }

    /// Header text that is plain printable ASCII stays readable; anything else (Chinese
    /// subjects, control characters, very long text) becomes RFC 2047 encoded words.
    static func encodedHeaderText(_ text: String) -> String {
        let isPlain = text.utf8.count <= 900 && !text.contains("=?")
            && text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        return isPlain ? text : encodedWords(text).joined(separator: "\r\n ")
    }

    /// `=?UTF-8?B?...?=` words, split on Unicode scalar boundaries so no word holds half a character.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > maxEncodedWordBytes {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    /// UTF-8 text as base64 in 76-char lines joined by CRLF (RFC 2045 §6.8).
    static func base64Lines(_ text: String) -> String {
        let encoded = Data(normalizedLineEnds(text).utf8).base64EncodedString()
        var lines: [Substring] = []
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(encoded[start..<end])
            start = end
        }
        return lines.joined(separator: "\r\n")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    private static func textPart(_ text: String, subtype: String) -> String {
        "Content-Type: text/\(subtype); charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + base64Lines(text)
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }

    /// Text parts are canonically CRLF-separated before encoding (RFC 2046 §4.1.1).
    private static func normalizedLineEnds(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }
}
