import Foundation

/// The course shop's rules (seeds 002/003, 路飞学城): what a validity option is called, what a course costs at a
/// moment (a limited-time discount only inside its window), how long a purchase lets someone in, and whether they
/// are in now. Access is decided from `out_time` on every request, never by a job that might not have run.
public enum CourseRules {
    /// seed 002's course types (免费课, 实战课, 轻课).
    public enum Kind: Int, Sendable, Codable, CaseIterable {
        case free = 0, practical = 1, light = 2

        public var title: String {
            switch self {
            case .free: return "免费课"
            case .practical: return "实战课"
            case .light: return "轻课"
            }
        }
    }

    public enum Level: Int, Sendable, Codable, CaseIterable {
        case beginner = 0, intermediate = 1, advanced = 2

        public var title: String {
            switch self {
            case .beginner: return "初级"
            case .intermediate: return "中级"
            case .advanced: return "高级"
            }
        }
    }

    /// 上线 (listed, sold), 下线 (hidden), 预上线 (listed, not sold yet).
    public enum Status: Int, Sendable, Codable, CaseIterable {
        case online = 0, offline = 1, preview = 2
    }

    /// seed 002's `section_type`.
    public enum LessonKind: Int, Sendable, Codable, CaseIterable {
        case document = 0, exercise = 1, video = 2
    }

    /// `CourseExpire.get_expire_text`: 0 days is 永久有效; whole months and years read as such.
    public static func expireText(days: Int) -> String {
        guard days > 0 else { return "永久有效" }
        if days % 365 == 0 { return "\(days / 365)年有效" }
        if days % 30 == 0 { return "\(days / 30)个月有效" }
        return "\(days)天有效"
    }

    /// A limited-time discount (限时折扣 / 限时免费): a `sale` formula (`*0.8`, `-20`, or `0` for free) in a window.
    public struct Discount: Sendable, Equatable {
        public var name: String
        public var sale: String
        public var start: Date
        public var end: Date

        public init(name: String, sale: String, start: Date, end: Date) {
            self.name = name
            self.sale = sale
            self.start = start
            self.end = end
        }

        public func isActive(at now: Date) -> Bool { start <= now && now < end }

        /// The price after the discount (half-up to the cent, as coupons); `0` makes it free; an unreadable
        /// formula leaves the price as it is.
        public func apply(to price: Int64) -> Int64 {
            let text = sale.trimmingCharacters(in: .whitespaces)
            if text == "0" || text == "*0" { return 0 }
            guard let rule = CouponRules.discount(sale: text) else { return price }
            return price - rule.off(price)
        }
    }

    /// What an option priced `price` costs at `now`: discounted inside the discount's window only.
    public static func realPrice(_ price: Int64, discount: Discount?, now: Date) -> Int64 {
        guard let discount, discount.isActive(at: now) else { return price }
        return max(discount.apply(to: price), 0)
    }

    /// The enrolment's new end after buying `days` more (nil: permanent): counted from the later of now and the
    /// current end, so renewing early stacks and renewing late starts afresh. A permanent enrolment stays permanent.
    public static func extended(currentEnd: Date?, enrolled: Bool, days: Int?, now: Date) -> Date? {
        if enrolled && currentEnd == nil { return nil }
        guard let days, days > 0 else { return nil }
        let from = max(currentEnd ?? now, now)
        return wholeSecond(from.addingTimeInterval(TimeInterval(days) * 86_400))
    }

    /// Ends are kept in whole seconds: a whole number of seconds survives every database's date type and `Date`'s
    /// own conversions exactly, so a later write can be guarded on the end it read (`out_time = <what I read>`).
    public static func wholeSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// The end left after refunding one purchase (a grant of `grantDays`, nil: permanent) that moved the end from
    /// `previousEnd` at `grantTime`: a timed grant gives its days back (a permanent end from another purchase stays);
    /// a permanent grant falls back to the end before it, or to the grant's own time (no access) when there was none.
    public static func afterRefund(currentEnd: Date?, grantDays: Int?, previousEnd: Date?, grantTime: Date) -> Date? {
        guard let grantDays, grantDays > 0 else { return wholeSecond(previousEnd ?? grantTime) }
        guard let currentEnd else { return nil }
        return wholeSecond(currentEnd.addingTimeInterval(-TimeInterval(grantDays) * 86_400))
    }

    /// In at `now`: enrolled and either permanent or before the end.
    public static func hasAccess(enrolled: Bool, end: Date?, now: Date) -> Bool {
        guard enrolled else { return false }
        guard let end else { return true }
        return now < end
    }
}
