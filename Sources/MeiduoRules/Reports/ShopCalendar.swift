import Foundation

/// The shop's days as its staff count them: calendar days in the shop's time zone (Asia/Shanghai by default), not
/// UTC's. A day is a half-open range of instants, so a row belongs to exactly one day whatever the zone's offsets.
public struct ShopCalendar: Sendable {
    public struct Day: Sendable, Equatable {
        /// `2026-12-01`
        public let label: String
        public let start: Date
        public let end: Date
    }

    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The day `instant` falls on.
    public func day(containing instant: Date) -> Day {
        let calendar = calendar
        let start = calendar.startOfDay(for: instant)
        let end = calendar.date(byAdding: .day, value: 1, to: start)!
        return Day(label: label(start), start: start, end: end)
    }

    /// The `count` days ending with the one holding `now`, oldest first.
    public func days(endingAt now: Date, count: Int) -> [Day] {
        let calendar = calendar
        let today = calendar.startOfDay(for: now)
        return (0..<max(count, 0)).reversed().map { back in
            let start = calendar.date(byAdding: .day, value: -back, to: today)!
            return Day(label: label(start), start: start, end: calendar.date(byAdding: .day, value: 1, to: start)!)
        }
    }

    func label(_ start: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: start)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
