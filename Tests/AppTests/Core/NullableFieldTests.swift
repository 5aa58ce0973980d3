import Foundation
import Testing
@testable import App

/// `@Nullable` fields: written as `null` when empty (not left out), read back from `null` or a missing key.
@Suite struct NullableFieldTests {
    struct Row: Codable, Equatable {
        let id: Int
        @Nullable var note: String?
    }

    @Test func anEmptyFieldIsWrittenAsNull() throws {
        // act
        let json = String(decoding: try JSONEncoder().encode(Row(id: 1, note: nil)), as: UTF8.self)
        // check
        #expect(json.contains(#""note":null"#))
    }

    @Test func aNullOrMissingFieldReadsAsNil() throws {
        // act
        let fromNull = try JSONDecoder().decode(Row.self, from: Data(#"{"id": 1, "note": null}"#.utf8))
        let fromMissing = try JSONDecoder().decode(Row.self, from: Data(#"{"id": 2}"#.utf8))
        let filled = try JSONDecoder().decode(Row.self, from: Data(#"{"id": 3, "note": "x"}"#.utf8))
        // check
        #expect(fromNull.note == nil && fromMissing.note == nil && filled.note == "x")
    }
}
