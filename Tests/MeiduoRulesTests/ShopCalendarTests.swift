import Foundation
import Testing
@testable import MeiduoRules

@Suite struct ShopCalendarTests {
    let shanghai = ShopCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    @Test func aDayStartsAtMidnightInTheShopsZoneNotUTCs() {
        // setup: 2026-11-30 17:30 UTC is 2026-12-01 01:30 in Shanghai
        let instant = Date(timeIntervalSince1970: 1_796_059_800)
        // act
        let day = shanghai.day(containing: instant)
        // check
        #expect(day.label == "2026-12-01")
        #expect(day.start == Date(timeIntervalSince1970: 1_796_054_400))  // 2026-11-30 16:00 UTC
        #expect(day.end.timeIntervalSince(day.start) == 86_400)
    }

    @Test func theLastDaysEndWithTodayOldestFirst() {
        // setup
        let instant = Date(timeIntervalSince1970: 1_796_059_800)
        // act
        let days = shanghai.days(endingAt: instant, count: 3)
        // check
        #expect(days.map(\.label) == ["2026-11-29", "2026-11-30", "2026-12-01"])
        #expect(days[0].end == days[1].start && days[1].end == days[2].start)
    }

    @Test func aDaylightSavingDayIsShorterAndStillContiguous() {
        // setup: Europe/Berlin moves its clocks forward on 2026-03-29
        let berlin = ShopCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let noon = Date(timeIntervalSince1970: 1_774_785_600)  // 2026-03-29 12:00 UTC
        // act
        let days = berlin.days(endingAt: noon, count: 2)
        // check
        #expect(days.map(\.label) == ["2026-03-28", "2026-03-29"])
        #expect(days[1].end.timeIntervalSince(days[1].start) == 23 * 3_600)
        #expect(days[0].end == days[1].start)
    }
}

@Suite struct CSVTableTests {
    @Test func cellsWithCommasQuotesAndLineBreaksAreQuoted() {
        // act
        let csv = CSVTable.render(header: ["名称", "说明"], rows: [["手机, 数码", "说\"好\"\n的"]])
        // check
        #expect(csv == "\u{FEFF}名称,说明\r\n\"手机, 数码\",\"说\"\"好\"\"\n的\"\r\n")
    }

    @Test func aCellASpreadsheetWouldRunAsAFormulaIsDefused() {
        // act
        let csv = CSVTable.render(header: ["a", "b", "c"], rows: [["=HYPERLINK(1)", "-12.50", "@x"]])
        // check
        #expect(csv == "\u{FEFF}a,b,c\r\n'=HYPERLINK(1),-12.50,'@x\r\n")
    }
}
