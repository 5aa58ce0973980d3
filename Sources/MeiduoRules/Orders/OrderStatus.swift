/// Order states of seed 000 (订单状态) and the only ways between them.
public enum OrderStatus: Int, Sendable, Codable, CaseIterable {
    case unpaid = 1, unsent = 2, unreceived = 3, uncommented = 4, finished = 5, cancelled = 6

    public enum Event: Sendable, Equatable {
        /// `cancelled`: the buyer or the payment timeout before any money came; `refunded`: staff give the
        /// money of a paid order back before it ships.
        case paid, shipped, received, allCommented, cancelled, refunded
        /// An order with nothing to ship (courses only) is complete once paid, and its money can still be given back.
        case paidNothingToShip, refundedNothingShipped
    }

    /// What payment does to an order: one with goods waits for shipment, one without is complete.
    public static func paidEvent(ships: Bool) -> Event { ships ? .paid : .paidNothingToShip }

    /// Where a refund (staff giving the money back) starts from: before shipping for goods, after payment for the rest.
    public static func refundable(ships: Bool) -> (from: OrderStatus, event: Event) {
        ships ? (.unsent, .refunded) : (.finished, .refundedNothingShipped)
    }

    /// The state after `event`, or nil when the event is not allowed from this state.
    public func after(_ event: Event) -> OrderStatus? {
        switch (self, event) {
        case (.unpaid, .paid): return .unsent
        case (.unsent, .shipped): return .unreceived
        case (.unreceived, .received): return .uncommented
        case (.uncommented, .allCommented): return .finished
        case (.unpaid, .cancelled): return .cancelled
        case (.unsent, .refunded): return .cancelled
        case (.unpaid, .paidNothingToShip): return .finished
        case (.finished, .refundedNothingShipped): return .cancelled
        default: return nil
        }
    }

    /// Cash on delivery starts waiting for shipment; online payment waits for the money.
    public static func initial(for payMethod: PayMethod) -> OrderStatus {
        payMethod == .cashOnDelivery ? .unsent : .unpaid
    }

    /// The status an order is written with: paid at checkout (coupon, credits and balance covered it) it is already
    /// where payment takes it; otherwise as its pay method starts.
    public static func placed(payMethod: PayMethod, paidAtCheckout: Bool, ships: Bool) -> OrderStatus {
        guard paidAtCheckout else { return initial(for: payMethod) }
        return OrderStatus.unpaid.after(paidEvent(ships: ships)) ?? .unsent
    }
}

/// Payment methods (seed 004: 1 货到付款, 2 支付宝; 3 微信支付 for WeChat Pay).
public enum PayMethod: Int, Sendable, Codable, CaseIterable {
    case cashOnDelivery = 1, alipay = 2, wechat = 3
}

/// Order numbers: `yyyyMMddHHmmss` + the 9-digit user id + a random suffix; the table's primary key
/// catches the rare clash and the caller retries with a new suffix.
public enum OrderNumber {
    public static func make<G: RandomNumberGenerator>(timestamp: String, userID: Int, using rng: inout G) -> String {
        let user = String(userID)
        let paddedUser = String(repeating: "0", count: max(0, 9 - user.count)) + user
        let suffix = String(Int.random(in: 0..<10_000, using: &rng))
        return timestamp + paddedUser + String(repeating: "0", count: 4 - suffix.count) + suffix
    }
}

/// How anonymous reviewers appear: first and last character kept (张三丰 → 张***丰).
public enum ReviewerName {
    public static func masked(_ username: String) -> String {
        guard let first = username.first else { return "***" }
        guard username.count > 1, let last = username.last else { return "\(first)***" }
        return "\(first)***\(last)"
    }
}
