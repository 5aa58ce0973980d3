import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import App

/// `GET /media/…` with `Range`: what a video player asks for when it seeks or reads a WebM's cues at the end.
@Suite struct MediaRangeTests {
    @Test func aRangeIsAnsweredWithThoseBytes() async throws {
        try await withApp { client, env in
            // setup
            try await env.services.storage.put(Array("0123456789".utf8), key: "demo/range.txt", contentType: "text/plain")
            // act
            let part = try await client.send(.get, "/media/demo/range.txt", headers: [.range: "bytes=2-5"])
            // check
            #expect(part.status == .partialContent && part.text == "2345")
            #expect(part.headers[.contentRange] == "bytes 2-5/10")
        }
    }

    @Test func aSuffixRangeIsTheEndOfTheFile() async throws {
        try await withApp { client, env in
            // setup
            try await env.services.storage.put(Array("0123456789".utf8), key: "demo/range.txt", contentType: "text/plain")
            // act
            let tail = try await client.send(.get, "/media/demo/range.txt", headers: [.range: "bytes=-3"])
            // check
            #expect(tail.status == .partialContent && tail.text == "789")
        }
    }

    @Test func aRangePastTheEndIsUnsatisfiable() async throws {
        try await withApp { client, env in
            // setup
            try await env.services.storage.put(Array("0123456789".utf8), key: "demo/range.txt", contentType: "text/plain")
            // act
            let past = try await client.send(.get, "/media/demo/range.txt", headers: [.range: "bytes=20-"])
            // check
            #expect(past.status == .rangeNotSatisfiable && past.headers[.contentRange] == "bytes */10")
        }
    }

    @Test func severalRangesGetTheWholeFile() {
        // act
        let answer = ByteRange.parse("bytes=0-1,4-5", size: 10)
        // check: not served in parts, so the whole file is answered
        #expect(answer == nil)
    }
}
