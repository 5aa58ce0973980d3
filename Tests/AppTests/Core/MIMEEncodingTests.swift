import Foundation
import Testing
@testable import App

/// Pure checks of the message format; delivery itself is covered by SMTPMailerTests.
struct MIMEEncodingTests {
    @Test func longChineseSubjectIsSplitIntoEncodedWordsOfAtMost75Chars() {
        // setup
        let subject = String(repeating: "美多商城验证邮件", count: 6)
        // act
        let words = MIMEEncoding.encodedWords(subject)
        // check
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
        let decoded = words.map { word in
            let base64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(base64))!, as: UTF8.self)
        }
        #expect(decoded.joined() == subject)
    }

    @Test func dataPayloadDoublesLeadingDotsAndEndsWithDotLine() {
        // setup
        let rendered = "Subject: x\r\n\r\n.hidden\r\nnormal\r\n"
        // act
        let payload = MIMEEncoding.dataPayload(rendered)
        // check
        #expect(payload == "Subject: x\r\n\r\n..hidden\r\nnormal\r\n.\r\n")
    }

    @Test func base64BodyLinesAreAtMost76Chars() {
        // setup
        let body = String(repeating: "您好，欢迎光临美多商城。\n", count: 20)
        // act
        let lines = MIMEEncoding.base64Lines(body).components(separatedBy: "\r\n")
        // check
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 76 })
    }

    @Test func dateHeaderFollowsRFC5322() {
        // setup
        let date = Date(timeIntervalSince1970: 0)
        // act
        let header = MIMEEncoding.rfc5322Date(date)
        // check
        #expect(header == "Thu, 01 Jan 1970 00:00:00 +0000")
    }
}
