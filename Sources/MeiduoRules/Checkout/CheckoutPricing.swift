/// The money of a checkout, from plain values, in integer cents: used for the settlement page, for placing the
/// order and for showing it, so the three always agree. Every kind of order (goods, courses, auction lots,
/// recharges) is priced here.
///
/// Order of work: the goods amount (unit price × count per line) → an order-level discount (a coupon), spread over
/// the lines by largest remainder so each line's real amount is known and they sum exactly → freight when any line
/// ships → credits and balance, which pay for what is left and never push it below zero.
public enum CheckoutPricing {
    public enum LineKind: String, Sendable, Codable, CaseIterable {
        case goods, course, auctionLot, recharge

        /// Goods are shipped (an address and freight); a course, a recharge or an auction lot's deposit is not.
        public var ships: Bool { self == .goods }
    }

    public struct Line: Sendable, Equatable {
        public var key: String
        public var unitPrice: Int64
        public var count: Int
        public var kind: LineKind
        /// What a coupon's scope can match: `category:<id>` for each level of a product's category, `auction:<id>`
        /// for a lot's session (see `CouponScope`).
        public var tags: Set<String>

        public init(key: String, unitPrice: Int64, count: Int, kind: LineKind = .goods, tags: Set<String> = []) {
            self.key = key
            self.unitPrice = unitPrice
            self.count = count
            self.kind = kind
            self.tags = tags
        }

        public var amount: Int64 { unitPrice * Int64(count) }
    }

    /// An order-level discount: a fixed amount off (减免, `-10`) or a rate to pay (折扣, `*0.82` is 82/100).
    public enum Discount: Sendable, Equatable {
        case amountOff(Int64)
        case rate(numerator: Int64, denominator: Int64)

        /// What it takes off `amount`: a rate rounds the amount to pay half-up to the cent, once; never more than `amount`.
        public func off(_ amount: Int64) -> Int64 {
            guard amount > 0 else { return 0 }
            switch self {
            case .amountOff(let cents):
                return min(max(cents, 0), amount)
            case .rate(let numerator, let denominator):
                guard denominator > 0, numerator >= 0 else { return 0 }
                guard numerator < denominator else { return 0 }
                let payable = (amount * numerator * 2 + denominator) / (2 * denominator)
                return amount - payable
            }
        }
    }

    public struct Adjustments: Sendable, Equatable {
        /// The coupon's name (recorded on each line as its discount name) and what it takes off.
        public var discount: (name: String, rule: Discount)?
        /// Cents paid with credits (already converted at the shop's rate and capped by the credit rules).
        public var credits: Int64
        /// Most cents the shopper lets the balance pay.
        public var balance: Int64
        /// The lines the discount applies to (a coupon's scope): it is worked out on their amount and spread over them.
        public var discountScope: CouponScope

        public init(discount: (name: String, rule: Discount)? = nil, credits: Int64 = 0, balance: Int64 = 0, discountScope: CouponScope = .all) {
            self.discount = discount
            self.credits = credits
            self.balance = balance
            self.discountScope = discountScope
        }

        public static let none = Adjustments()

        public static func == (lhs: Adjustments, rhs: Adjustments) -> Bool {
            lhs.discount?.name == rhs.discount?.name && lhs.discount?.rule == rhs.discount?.rule
                && lhs.credits == rhs.credits && lhs.balance == rhs.balance && lhs.discountScope == rhs.discountScope
        }
    }

    public struct PricedLine: Sendable, Equatable {
        public let line: Line
        /// This line's share of the order-level discount.
        public let discount: Int64
        public var amount: Int64 { line.amount }
        /// What the line costs after its share of the discount (seed 002's `real_price` × count).
        public var realAmount: Int64 { line.amount - discount }
    }

    public struct Priced: Sendable, Equatable {
        public let lines: [PricedLine]
        public let goodsAmount: Int64
        public let discount: Int64
        public let discountName: String?
        public let freight: Int64
        public let creditAmount: Int64
        public let balanceAmount: Int64
        /// What is left to pay through a payment provider; 0 means the order is paid at once.
        public let payAmount: Int64

        /// Goods after the discount, plus freight: what the order is worth before credits and balance.
        public var totalAmount: Int64 { goodsAmount - discount + freight }
        public var needsShipping: Bool { lines.contains { $0.line.kind.ships } }
    }

    /// Prices `lines`; `freight` is charged once when any line ships.
    public static func price(_ lines: [Line], freight: Int64, adjustments: Adjustments = .none) -> Priced {
        let goods = lines.reduce(0) { $0 + max($1.amount, 0) }
        let covered = lines.map { adjustments.discountScope.covers($0) ? max($0.amount, 0) : 0 }
        let discount = adjustments.discount.map { $0.rule.off(covered.reduce(0, +)) } ?? 0
        let shares = Allocation.largestRemainder(discount, over: covered)
        let shipping = lines.contains { $0.kind.ships } ? max(freight, 0) : 0
        var left = goods - discount + shipping
        let credits = min(max(adjustments.credits, 0), left)
        left -= credits
        let balance = min(max(adjustments.balance, 0), left)
        left -= balance
        return Priced(
            lines: zip(lines, shares).map { PricedLine(line: $0, discount: $1) },
            goodsAmount: goods, discount: discount, discountName: discount > 0 ? adjustments.discount?.name : nil,
            freight: shipping, creditAmount: credits, balanceAmount: balance, payAmount: left)
    }
}

/// Splitting an amount of cents over weights so the parts sum exactly.
public enum Allocation {
    /// `total` split in proportion to `weights` by largest remainder: each part is the floor of its exact share,
    /// and the cents left over go one each to the largest remainders (the earlier line on a tie). Parts never go
    /// below zero nor above their weight when `total` is at most the weights' sum.
    public static func largestRemainder(_ total: Int64, over weights: [Int64]) -> [Int64] {
        let weights = weights.map { max($0, 0) }
        let sum = weights.reduce(0, +)
        guard total > 0, sum > 0 else { return weights.map { _ in 0 } }
        let capped = min(total, sum)
        var parts = weights.map { capped * $0 / sum }
        var left = capped - parts.reduce(0, +)
        let byRemainder = weights.indices.sorted { a, b in
            let ra = capped * weights[a] % sum, rb = capped * weights[b] % sum
            return ra != rb ? ra > rb : a < b
        }
        for index in byRemainder where left > 0 {
            parts[index] += 1
            left -= 1
        }
        return parts
    }
}
