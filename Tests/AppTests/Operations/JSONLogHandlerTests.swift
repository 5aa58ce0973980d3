import Foundation
import Logging
import Testing
@testable import App

@Suite struct JSONLogHandlerTests {
    @Test func writesOneParsableObjectWithMetadataAsFields() throws {
        // act
        let line = JSONLogHandler.line(
            time: Date(timeIntervalSince1970: 0), level: .info, label: "meiduo", message: "request \"quoted\"\n",
            fields: ["request_id": "abc", "status": .stringConvertible(200), "tags": ["a", "b"]])
        // check
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "request \"quoted\"\n")
        #expect(object["level"] as? String == "info")
        #expect(object["request_id"] as? String == "abc")
        #expect(object["status"] as? String == "200")
        #expect(object["tags"] as? [String] == ["a", "b"])
        #expect((object["time"] as? String)?.hasPrefix("1970-01-01T00:00:00") == true)
    }

    @Test func metadataCannotOverwriteTheFixedFields() throws {
        // act
        let line = JSONLogHandler.line(time: Date(), level: .error, label: "meiduo", message: "real", fields: ["message": "forged"])
        // check
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "real")
    }
}
