import Foundation

/// Paying for a won lot (seed 001 支付): the hammer price less the coupon, then the deposit, then the balance, and
/// what is left through WeChat Pay or Alipay. The seed's four cases:
/// 1. hammer − coupon ≤ 0: paid by the coupon; the deposit is released.
/// 2. hammer − coupon − deposit = 0: paid; the whole deposit is deducted (支付抵扣).
/// 3. hammer − coupon − deposit < 0: paid; the needed part is deducted and the rest refunded — unless it is a session
///    deposit still covering other unpaid orders of the session, which keeps the rest.
/// 4. hammer − coupon − deposit > 0: the whole deposit is deducted, the rest paid from the balance (as far as it goes,
///    when the buyer chose it) and any remainder through a payment provider.
public enum AuctionPayment {
    public enum Case: Int, Sendable, Equatable {
        case coveredByCoupon = 1, coveredByDeposit = 2, depositLeftOver = 3, remainderDue = 4
    }

    public struct Plan: Sendable, Equatable {
        public let paymentCase: Case
        /// What the coupon takes off (never more than the hammer price).
        public let couponOff: Int64
        /// Deducted from the deposit to pay (支付抵扣).
        public let depositDeducted: Int64
        /// Given back from the deposit now (to where it came from).
        public let depositRefunded: Int64
        /// Left on a session deposit that still covers other unpaid orders.
        public let depositKept: Int64
        public let balancePaid: Int64
        /// Left for WeChat Pay or Alipay; 0 means the order is paid now.
        public let providerDue: Int64

        public var isPaidNow: Bool { providerDue == 0 }
    }

    /// Seed 001's pay type of money that came through `method` (1 微信, 3 支付宝) or from the wallet (nil: 2 余额),
    /// kept on deposits and orders.
    public static func payType(_ method: PayMethod?) -> Int {
        switch method {
        case .wechat: return 1
        case .alipay: return 3
        case .cashOnDelivery, nil: return 2
        }
    }

    /// The provider a seed 001 pay type names (1 微信, 3 支付宝); nil for 2 余额 and anything else.
    public static func method(payType: Int) -> PayMethod? {
        switch payType {
        case 1: return .wechat
        case 3: return .alipay
        default: return nil
        }
    }

    /// - Parameters:
    ///   - coupon: the coupon's value on this order (0 for none).
    ///   - deposit: what remains of the deposit that covered the lot.
    ///   - depositHeldForOthers: the deposit is a session deposit and other orders of the session are unpaid.
    ///   - balance: the wallet balance the buyer lets pay (0 when they don't).
    public static func plan(hammer: Int64, coupon: Int64, deposit: Int64, depositHeldForOthers: Bool, balance: Int64) -> Plan {
        let hammer = max(hammer, 0), deposit = max(deposit, 0)
        let couponOff = min(max(coupon, 0), hammer)
        let afterCoupon = hammer - couponOff
        func release(_ amount: Int64) -> (refunded: Int64, kept: Int64) { depositHeldForOthers ? (0, amount) : (amount, 0) }
        if afterCoupon == 0 {
            let left = release(deposit)
            return Plan(paymentCase: .coveredByCoupon, couponOff: couponOff, depositDeducted: 0, depositRefunded: left.refunded,
                        depositKept: left.kept, balancePaid: 0, providerDue: 0)
        }
        let afterDeposit = afterCoupon - deposit
        if afterDeposit == 0 {
            return Plan(paymentCase: .coveredByDeposit, couponOff: couponOff, depositDeducted: deposit, depositRefunded: 0, depositKept: 0,
                        balancePaid: 0, providerDue: 0)
        }
        if afterDeposit < 0 {
            let left = release(-afterDeposit)
            return Plan(paymentCase: .depositLeftOver, couponOff: couponOff, depositDeducted: afterCoupon, depositRefunded: left.refunded,
                        depositKept: left.kept, balancePaid: 0, providerDue: 0)
        }
        let fromBalance = min(max(balance, 0), afterDeposit)
        return Plan(paymentCase: .remainderDue, couponOff: couponOff, depositDeducted: deposit, depositRefunded: 0, depositKept: 0,
                    balancePaid: fromBalance, providerDue: afterDeposit - fromBalance)
    }

    /// How long the winner has to pay (seed 001: 24 小时).
    public static let paymentWindow: TimeInterval = 24 * 3_600

    /// Unpaid at the deadline: the order and the lot go 逾期未支付 and the deposit that covered the lot is forfeited
    /// (逾期扣款): all of a lot deposit, and of a session deposit as much as the lot's own deposit would have been
    /// (the whole of it when the lot asks for none).
    public static func overdueDeduction(depositRemaining: Int64, isSessionDeposit: Bool, lotDeposit: Int64) -> Int64 {
        guard isSessionDeposit, lotDeposit > 0 else { return max(depositRemaining, 0) }
        return min(max(depositRemaining, 0), lotDeposit)
    }

    /// A session deposit comes back once the session has ended and none of the user's orders in it is still unpaid
    /// (seed: 退还，判断如果是专场保证金 & 还有未支付的订单).
    public static func sessionDepositRefundable(sessionEnded: Bool, unpaidOrdersInSession: Int) -> Bool {
        sessionEnded && unpaidOrdersInSession == 0
    }
}
