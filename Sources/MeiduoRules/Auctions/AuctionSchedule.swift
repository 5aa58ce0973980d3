import Foundation

/// Where a session (seed 001 `Auction`) and its lots stand by the clock. Statuses are stored and moved by scheduled
/// jobs at these times, but a read between job runs must not show a stale one, so the stored status is always
/// corrected by the clock here (never moved backwards).
public enum AuctionSchedule {
    /// seed 001: 1 未开拍, 2 预展中, 3 拍卖中, 4 已结束.
    public enum SessionStatus: Int, Sendable, Codable, CaseIterable, Comparable {
        case upcoming = 1, previewing = 2, live = 3, ended = 4

        public var title: String {
            switch self {
            case .upcoming: return "未开拍"
            case .previewing: return "预展中"
            case .live: return "拍卖中"
            case .ended: return "已结束"
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A session's times: the preview opens the lots to look at, the auction to bid on.
    public struct Times: Sendable, Equatable {
        public var previewStart: Date
        public var auctionStart: Date
        public var auctionEnd: Date

        public init(previewStart: Date, auctionStart: Date, auctionEnd: Date) {
            self.previewStart = previewStart
            self.auctionStart = auctionStart
            self.auctionEnd = auctionEnd
        }

        /// In order: preview no later than the auction, which ends after it starts.
        public var isOrdered: Bool { previewStart <= auctionStart && auctionStart < auctionEnd }
    }

    /// The session's status at `now` by its times alone.
    public static func status(_ times: Times, at now: Date) -> SessionStatus {
        if now < times.previewStart { return .upcoming }
        if now < times.auctionStart { return .previewing }
        if now < times.auctionEnd { return .live }
        return .ended
    }

    /// What to show: the stored status, moved on by the clock when a job has not run yet (never back).
    public static func current(stored: SessionStatus, _ times: Times, at now: Date) -> SessionStatus {
        max(stored, status(times, at: now))
    }

    /// seed 001's lot statuses: 1 未开拍, 2 预展中, 3 拍卖中, then settled 4 成交, 5 流拍, 6 逾期未支付.
    public enum LotStatus: Int, Sendable, Codable, CaseIterable {
        case upcoming = 1, previewing = 2, live = 3, sold = 4, unsold = 5, overdue = 6

        public var title: String {
            switch self {
            case .upcoming: return "未开拍"
            case .previewing: return "预展中"
            case .live: return "拍卖中"
            case .sold: return "成交"
            case .unsold: return "流拍"
            case .overdue: return "逾期未支付"
            }
        }

        public var isSettled: Bool { rawValue >= LotStatus.sold.rawValue }
    }

    /// A lot's status at `now`: settled statuses stand; otherwise the session's times, with the lot's own end (which
    /// anti-sniping may have pushed past the session's). A lot past its end and not yet settled still shows 拍卖中
    /// until settlement decides 成交 or 流拍, but takes no bids (`acceptsBids`).
    public static func lotStatus(stored: LotStatus, session times: Times, lotEnd: Date, at now: Date) -> LotStatus {
        if stored.isSettled { return stored }
        if now < times.previewStart { return .upcoming }
        if now < times.auctionStart { return .previewing }
        return .live
    }

    /// Bids are taken while the lot is live by the server clock: the auction has started and the lot's end is ahead.
    public static func acceptsBids(stored: LotStatus, session times: Times, lotEnd: Date, at now: Date) -> Bool {
        !stored.isSettled && times.auctionStart <= now && now < lotEnd
    }
}

extension AuctionSchedule {
    /// Why a session can't take new times (the seed's 运营中心 reschedules with a date-time picker; the status jobs follow).
    public enum RescheduleRefusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// Its auction has begun: bidders are bidding against the announced end.
        case started
        /// Someone has bid: they bid on the announced times.
        case bidsPlaced
        case notOrdered
        /// The new auction start is already past: the session would open in the past.
        case startPassed

        public var description: String {
            switch self {
            case .started: "专场已开拍，不能再改时间。"
            case .bidsPlaced: "已有出价，不能再改时间。"
            case .notOrdered: "须满足 预展开始 ≤ 开拍 < 结束。"
            case .startPassed: "开拍时间须晚于现在。"
            }
        }
    }

    /// Whether `old` may become `new` at `now` with `bids` bids placed: unchanged times always may (a new title); else
    /// only before the auction starts, with no bid, in order, and with the new start ahead.
    public static func refusal(rescheduling old: Times, to new: Times, bids: Int, at now: Date) -> RescheduleRefusal? {
        guard old != new else { return nil }
        if now >= old.auctionStart { return .started }
        if bids > 0 { return .bidsPlaced }
        if !new.isOrdered { return .notOrdered }
        if new.auctionStart <= now { return .startPassed }
        return nil
    }
}
