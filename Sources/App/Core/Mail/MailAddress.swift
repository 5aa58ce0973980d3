/// An address split into an optional display name and the mailbox used in the SMTP envelope.
struct MailAddress: Sendable, Equatable {
    var name: String?
    var mailbox: String

    /// Accepts `a@b.com`, `Name <a@b.com>` and `"Name" <a@b.com>`.
    init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            mailbox = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
                .trimmingWhitespace()
            var display = String(trimmed[..<open]).trimmingWhitespace()
            if display.count >= 2, display.hasPrefix("\""), display.hasSuffix("\"") {
                display = String(display.dropFirst().dropLast())
            }
            name = display.isEmpty ? nil : display
        } else {
            mailbox = trimmed
            name = nil
        }
        // Anything that could break out of `MAIL FROM:<...>` or a header line is refused.
        let mailboxIsSafe = mailbox.contains("@") && !mailbox.contains {
            $0.isWhitespace || $0 == "<" || $0 == ">" || ($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false)
        }
        let nameIsSafe = !(name ?? "").contains { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } ?? false }
        guard mailboxIsSafe, nameIsSafe else { throw SMTPError.invalidAddress(text) }
    }

    /// Domain part, used to make Message-IDs unique per sender.
    var domain: String {
        mailbox.split(separator: "@").last.map(String.init) ?? "localhost"
    }

    /// Header form: `a@b.com`, `"Name" <a@b.com>` or `=?UTF-8?B?...?= <a@b.com>`.
    var headerValue: String {
        guard let name else { return mailbox }
        if name.allSatisfy({ $0.isASCII && !$0.isNewline }) {
            let escaped = name.replacingBackslashesAndQuotes()
            return "\"\(escaped)\" <\(mailbox)>"
        }
        return "\(MIMEEncoding.encodedWords(name).joined(separator: " ")) <\(mailbox)>"
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    fileprivate func replacingBackslashesAndQuotes() -> String {
        var result = ""
        for character in self {
            if character == "\\" || character == "\"" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
