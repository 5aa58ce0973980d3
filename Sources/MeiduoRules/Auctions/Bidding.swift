import Foundation

/// The bidding rules of a lot (seed 001 出价记录, 加价幅度), with proxy bids: a bidder may leave a maximum and the
/// system bids for them by increments up to it. A plain bid is a maximum equal to the bid. Worked out one accepted
/// bid at a time from the lot's standing, so the same function serves the atomic step that accepts a bid.
public enum Bidding {
    /// Who leads a lot and at what visible price; `leaderMax` is their hidden maximum (never shown to others).
    public struct Standing: Sendable, Equatable {
        public var price: Int64
        public var leader: Int
        public var leaderMax: Int64

        public init(price: Int64, leader: Int, leaderMax: Int64) {
            self.price = price
            self.leader = leader
            self.leaderMax = leaderMax
        }
    }

    /// One line of the price history an accepted bid writes: who, at what price, and whether the system placed it
    /// for a proxy.
    public struct Entry: Sendable, Equatable {
        public let bidder: Int
        public let price: Int64
        public let automatic: Bool

        public init(bidder: Int, price: Int64, automatic: Bool) {
            self.bidder = bidder
            self.price = price
            self.automatic = automatic
        }
    }

    public enum Refusal: String, Sendable, Error, Equatable {
        /// Under the start price (first bid) or the current price plus the increment.
        case tooLow = "出价低于当前最低可出价"
        /// The leader's new maximum must be above their old one.
        case notAboveOwnMaximum = "新的最高出价须高于您原来的最高出价"
        /// A price that isn't a whole number of increments above the start.
        case offIncrement = "出价须为起拍价加整数倍的加价幅度"
    }

    /// The least a bidder other than the leader may bid now: the start price for the first bid, else one increment
    /// over the visible price.
    public static func minimumBid(standing: Standing?, start: Int64, increment: Int64) -> Int64 {
        guard let standing else { return start }
        return standing.price + increment
    }

    /// Bidding needs a paid deposit covering the lot: its own lot deposit (单品保证金) or the session's (全场保证金);
    /// a lot that asks for neither needs none.
    public static func depositCovers(lotDeposit: Int64, sessionDeposit: Int64, paidForLot: Int64, paidForSession: Int64) -> Bool {
        if lotDeposit <= 0 && sessionDeposit <= 0 { return true }
        if lotDeposit > 0 && paidForLot >= lotDeposit { return true }
        return sessionDeposit > 0 && paidForSession >= sessionDeposit
    }

    /// Whether `price` lies on the lot's ladder (start + k × increment).
    public static func isOnLadder(_ price: Int64, start: Int64, increment: Int64) -> Bool {
        increment > 0 && price >= start && (price - start) % increment == 0
    }

    /// The standing after `bidder` leaves `maximum`, and the history lines it writes; or why it is refused.
    ///
    /// - No bid yet: the bidder leads at the start price.
    /// - The leader raising their maximum: the price doesn't move (nothing new to beat).
    /// - A challenger above the leader's maximum: they lead at min(their maximum, the old maximum + increment).
    /// - A challenger at or under it: the leader keeps the lot (an earlier maximum wins a tie) at
    ///   min(leader's maximum, the challenger's maximum + increment); the challenger's bid is recorded, then the
    ///   system's answer for the leader.
    ///
    /// A plain bid (`plain`, 出价 at a price) is a maximum equal to the bid that, when it takes the lead, sets the
    /// price to itself: the bidder said what they pay, where a proxy only pays what it must.
    public static func apply(maximum: Int64, by bidder: Int, to standing: Standing?, start: Int64, increment: Int64, plain: Bool = false)
        -> Result<(standing: Standing, entries: [Entry]), Refusal> {
        guard let standing else {
            guard maximum >= start else { return .failure(.tooLow) }
            let price = plain ? maximum : start
            return .success((Standing(price: price, leader: bidder, leaderMax: maximum), [Entry(bidder: bidder, price: price, automatic: false)]))
        }
        if bidder == standing.leader {
            guard maximum > standing.leaderMax else { return .failure(.notAboveOwnMaximum) }
            var raised = standing
            raised.leaderMax = maximum
            return .success((raised, []))
        }
        guard maximum >= standing.price + increment else { return .failure(.tooLow) }
        if maximum > standing.leaderMax {
            let price = plain ? maximum : min(maximum, standing.leaderMax + increment)
            var entries: [Entry] = []
            // The old leader's proxy went as far as it could before being passed.
            if standing.leaderMax > standing.price { entries.append(Entry(bidder: standing.leader, price: standing.leaderMax, automatic: true)) }
            entries.append(Entry(bidder: bidder, price: price, automatic: price != maximum))
            return .success((Standing(price: price, leader: bidder, leaderMax: maximum), entries))
        }
        let price = min(standing.leaderMax, maximum + increment)
        let entries = [Entry(bidder: bidder, price: maximum, automatic: false), Entry(bidder: standing.leader, price: price, automatic: true)]
        return .success((Standing(price: price, leader: standing.leader, leaderMax: standing.leaderMax), entries))
    }

    /// Anti-sniping: a bid accepted in the last `window` seconds of a lot moves its end to now + `extendBy`, at
    /// most `cap` times. Decided with the bid, in the same atomic step.
    public struct AntiSniping: Sendable, Equatable {
        /// The last seconds of a lot in which a bid extends it, how far past the bid it then ends, and how many times.
        public var window: TimeInterval
        public var extendBy: TimeInterval
        public var cap: Int

        public init(window: TimeInterval = 120, extendBy: TimeInterval = 300, cap: Int = 20) {
            self.window = window
            self.extendBy = extendBy
            self.cap = cap
        }

        /// The lot's end after a bid accepted at `now`, and whether this bid extended it.
        public func end(after now: Date, currentEnd: Date, extensionsSoFar: Int) -> (end: Date, extended: Bool) {
            guard currentEnd.timeIntervalSince(now) <= window, extensionsSoFar < cap else { return (currentEnd, false) }
            let moved = now.addingTimeInterval(extendBy)
            return moved > currentEnd ? (moved, true) : (currentEnd, false)
        }
    }

    /// Settlement when a lot ends: sold to the leader when the price reaches the reserve (参考底价; none: any bid),
    /// otherwise unsold (流拍); no bid at all is unsold.
    public static func settle(standing: Standing?, reserve: Int64?) -> AuctionSchedule.LotStatus {
        guard let standing else { return .unsold }
        guard let reserve else { return .sold }
        return standing.price >= reserve ? .sold : .unsold
    }
}
