import Foundation
import Testing
@testable import App

/// Date-time fields and query parameters read RFC 3339, as the OpenAPI document's `date-time` format says.
@Suite struct FormDateTests {
    func read(_ text: String) -> (Date?, FieldErrors) {
        var form = FormReader(RequestInput(values: ["until": .string(text)]))
        let date = form.date("until")
        return (date, form.errors)
    }

    @Test func fractionalSecondsAndAnyOffsetAreRead() {
        // act
        let (date, errors) = read("2026-12-01T10:00:00.250+08:00")
        // check
        #expect(errors.isEmpty)
        #expect(date == Date(timeIntervalSince1970: 1_796_090_400.25))
    }

    @Test func longFractionsAndEarlyYearsAreRead() {
        // act
        let (micro, microErrors) = read("0408-08-29T00:12:18.446701Z")
        let (tenth, _) = read("1131-12-06T14:17:36.0Z")
        // check
        #expect(microErrors.isEmpty && micro != nil && tenth != nil)
        #expect(abs(micro!.timeIntervalSince(read("0408-08-29T00:12:18Z").0!) - 0.446701) < 1e-6)
    }

    @Test func wholeSecondsInUTCAreRead() {
        // act
        let (date, _) = read("2026-12-01T02:00:00Z")
        // check
        #expect(date == Date(timeIntervalSince1970: 1_796_090_400))
    }

    @Test func aDateWithoutATimeIsAFieldError() {
        // act
        let (date, errors) = read("2026-12-01")
        // check
        #expect(date == nil && !errors.isEmpty)
    }
}
