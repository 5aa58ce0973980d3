import Foundation

/// Coupons as the seeds describe them: a template with a `sale` formula (seed 002: `*0.82` is 八二折, `-10` takes
/// ¥10 off), a spend threshold `condition` in yuan, and a validity of `timer` days from when the user gets it or a
/// fixed window; a user's coupon is 1 未使用, 2 已使用 or 3 已过期 (seed 001).
public enum CouponRules {
    /// seed 002's `coupon_type`.
    public enum Kind: Int, Sendable, Codable {
        case rate = 0, amountOff = 1
    }

    /// The discount a `sale` formula describes, or nil when it is not one (`*0.82`, `-10`, `-9.90`).
    public static func discount(sale: String) -> CheckoutPricing.Discount? {
        let text = sale.trimmingCharacters(in: .whitespaces)
        guard let sign = text.first, text.count > 1 else { return nil }
        let number = String(text.dropFirst())
        switch sign {
        case "*":
            // 0.82 → 82/100, kept exact in integers (at most four decimals).
            guard let (numerator, denominator) = decimalFraction(number), numerator < denominator, numerator > 0 else { return nil }
            return .rate(numerator: numerator, denominator: denominator)
        case "-":
            guard let cents = Money.parse(number), cents > 0 else { return nil }
            return .amountOff(cents)
        default:
            return nil
        }
    }

    /// "0.82" → (82, 100); nil for anything but a plain decimal below ten with at most four places.
    static func decimalFraction(_ text: String) -> (Int64, Int64)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]), whole >= 0, whole < 10 else { return nil }
        guard parts.count == 2 else { return (whole, 1) }
        let decimals = parts[1]
        guard !decimals.isEmpty, decimals.count <= 4, decimals.allSatisfy(\.isNumber), let fraction = Int64(decimals) else { return nil }
        var denominator: Int64 = 1
        for _ in 0..<decimals.count { denominator *= 10 }
        return (whole * denominator + fraction, denominator)
    }

    /// seed 001's user-coupon status.
    public enum Status: Int, Sendable, Codable, CaseIterable {
        case unused = 1, used = 2, expired = 3

        /// What the status is at `now`: an unused coupon past its end is expired even before a job marks it.
        public func effective(endTime: Date, now: Date) -> Status {
            self == .unused && endTime <= now ? .expired : self
        }

        /// A cancelled, timed-out or refunded order gives its coupon back: unused if still valid, else expired.
        public static func restored(endTime: Date, now: Date) -> Status {
            endTime > now ? .unused : .expired
        }
    }

    /// A user coupon's validity: `timer` days from when it was got, or the template's fixed window.
    public static func validity(gotAt: Date, timerDays: Int?, fixedStart: Date?, fixedEnd: Date?) -> (start: Date, end: Date) {
        if let fixedStart, let fixedEnd { return (fixedStart, fixedEnd) }
        return (gotAt, gotAt.addingTimeInterval(TimeInterval(max(timerDays ?? 30, 0)) * 86_400))
    }

    /// Why a coupon can't be used for an order of `goodsAmount` cents now, or nil when it can.
    public enum Refusal: String, Sendable, Equatable {
        case notStarted = "优惠券尚未生效"
        case expired = "优惠券已过期"
        case used = "优惠券已使用"
        case belowThreshold = "未达到使用门槛"
        case outOfScope = "不适用于所选商品"
    }

    public static func refusal(status: Status, start: Date, end: Date, thresholdYuan: Int, goodsAmount: Int64,
                               inScope: Bool, now: Date) -> Refusal? {
        switch status.effective(endTime: end, now: now) {
        case .used: return .used
        case .expired: return .expired
        case .unused: break
        }
        if start > now { return .notStarted }
        if !inScope { return .outOfScope }
        if goodsAmount < Int64(thresholdYuan) * 100 { return .belowThreshold }
        return nil
    }
}

/// Which lines a coupon applies to (seed 001/002: a category, an auction session, courses only). Its threshold is
/// checked and its discount worked out on those lines' amount only; a coupon covering none of them is out of scope.
public enum CouponScope: Sendable, Equatable {
    case all, goods, courses
    case category(Int)
    case auction(Int)

    /// From the stored `scope` and `scope_id`; nil for a kind that needs an id and has none, or an unknown kind.
    public init?(kind: String, id: Int?) {
        switch (kind, id) {
        case ("all", _): self = .all
        case ("goods", _): self = .goods
        case ("courses", _): self = .courses
        case ("category", let id?): self = .category(id)
        case ("auction", let id?): self = .auction(id)
        default: return nil
        }
    }

    public static let kinds = ["all", "goods", "courses", "category", "auction"]

    public func covers(_ line: CheckoutPricing.Line) -> Bool {
        switch self {
        case .all: return true
        case .goods: return line.kind == .goods
        case .courses: return line.kind == .course
        case .category(let id): return line.kind == .goods && line.tags.contains("category:\(id)")
        case .auction(let id): return line.kind == .auctionLot && line.tags.contains("auction:\(id)")
        }
    }

    /// The amount of the lines it covers.
    public func coveredAmount(_ lines: [CheckoutPricing.Line]) -> Int64 {
        lines.reduce(0) { covers($1) ? $0 + max($1.amount, 0) : $0 }
    }
}

/// A claim campaign's status (seed 001: 1 未开始, 2 领取中, 3 已结束), from its window: what jobs move it to at the
/// window's edges, and what it is when read between two job runs.
public enum CampaignStatus: Int, Sendable, Codable, CaseIterable {
    case notStarted = 1, claiming = 2, ended = 3

    public static func at(_ now: Date, start: Date, stop: Date) -> CampaignStatus {
        if now < start { return .notStarted }
        return now < stop ? .claiming : .ended
    }
}

/// Credits (积分, seed 002): earned when an order is paid, spent at checkout at a rate, up to a share of the goods.
public struct CreditRules: Sendable, Equatable {
    /// Credits earned per whole yuan paid.
    public var earnedPerYuan: Int
    /// Credits worth one yuan at checkout.
    public var perYuan: Int
    /// Most of the goods amount (after the coupon), in percent, that credits may pay.
    public var maxSharePercent: Int

    public init(earnedPerYuan: Int = 1, perYuan: Int = 10, maxSharePercent: Int = 50) {
        self.earnedPerYuan = earnedPerYuan
        self.perYuan = perYuan
        self.maxSharePercent = maxSharePercent
    }

    /// The cents `credits` are worth (whole cents, rounded down).
    public func value(_ credits: Int) -> Int64 {
        guard perYuan > 0, credits > 0 else { return 0 }
        return Int64(credits) * 100 / Int64(perYuan)
    }

    /// Most credits usable on goods of `goodsAfterDiscount` cents with `balance` credits: capped by the share
    /// and by the balance, and only what buys whole cents.
    public func maxUsable(balance: Int, goodsAfterDiscount: Int64) -> Int {
        guard perYuan > 0, balance > 0, goodsAfterDiscount > 0 else { return 0 }
        let capCents = goodsAfterDiscount * Int64(max(0, min(maxSharePercent, 100))) / 100
        let byCap = capCents * Int64(perYuan) / 100
        return Int(min(Int64(balance), byCap))
    }

    /// Credits an order paying `paidCents` earns.
    public func earned(paidCents: Int64) -> Int {
        guard paidCents > 0 else { return 0 }
        return Int(paidCents / 100) * earnedPerYuan
    }
}
