import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Paying for a won lot (seed 001 支付): a coupon of the lot's session, then the deposit that covered the lot, then
/// the wallet, then — for what is left — WeChat Pay or Alipay (`AuctionPayment.plan` decides the split). Paying now
/// is one plan guarded on the order being unpaid and inside its deadline, the coupon unused, the deposit at the
/// balance read and the wallet holding enough; a remainder for a provider becomes a recharge whose confirmation
/// queues `followUpJob`, which pays the order from the wallet the money just reached, with the buyer's choices.
public struct AuctionPayments: Sendable {
    public static let followUpJob = "auctions.pay_after_recharge"

    public struct FollowUpPayload: Codable, Sendable {
        public let order_id: Int
        public let user_id: Int
        public let coupon_id: Int?
        public let address_id: Int?
        /// Seed 001's pay type of the provider the rest went through (1 微信, 3 支付宝), kept on the order.
        public let pay_type: Int?
    }

    /// An order as paying it needs it.
    public struct Order: Sendable, Equatable {
        public let id: Int
        public let uid: String
        public let userID: Int
        public let auctionID: Int
        public let itemID: Int
        public let title: String
        public let cover: String
        public let price: Int64
        public let status: Int
        public let deadline: Date
        public let depositID: Int?
        /// What remains of the deposit that covered the lot.
        public let deposit: Int64
        public let isSessionDeposit: Bool
        /// The recharge that paid the deposit at a provider's cashier (what it gives back goes back there).
        public var depositRechargeID: String? = nil
        public let createTime: Date
    }

    /// The pay page: the order, the coupons of its session the buyer could use (with what each takes off), the
    /// deposit, whether the session deposit's rest stays held, and the wallet.
    public struct Quote: Sendable {
        public let order: Order
        public let coupons: [(coupon: Promotions.UserCoupon, off: Int64)]
        public let depositHeldForOthers: Bool
        public let balance: Int64

        public func plan(couponOff: Int64, useBalance: Bool) -> AuctionPayment.Plan {
            AuctionPayment.plan(hammer: order.price, coupon: couponOff, deposit: order.deposit, depositHeldForOthers: depositHeldForOthers,
                                balance: useBalance ? balance : 0)
        }
    }

    public enum Outcome: Sendable {
        case paid(AuctionPayment.Plan)
        /// The rest is due at a provider's cashier: pay this recharge, and the order is paid when it is confirmed.
        case providerDue(WalletRecharges.Recharge, AuctionPayment.Plan)
    }

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public func order(_ id: Int, userID: Int) async throws -> Order? {
        try await services.readSQL().raw("""
            SELECT o.id, o.uid, o.user_id, o.auction_id, o.item_id, o.price, o.status, o.pay_deadline, o.deposit_id, o.create_time,
                   i.title, i.cover, d.balance AS deposit_balance, d.deposit_type, d.recharge_id
            FROM auction_orders o JOIN auction_items i ON i.id = o.item_id LEFT JOIN auction_deposits d ON d.id = o.deposit_id
            WHERE o.id = \(bind: id) AND o.user_id = \(bind: userID)
            """).first().map { row in
                Order(id: try row.decode(column: "id", as: Int.self), uid: try row.decode(column: "uid", as: String.self),
                      userID: try row.decode(column: "user_id", as: Int.self), auctionID: try row.decode(column: "auction_id", as: Int.self),
                      itemID: try row.decode(column: "item_id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                      cover: services.storage.imageURL(try row.decode(column: "cover", as: String.self)), price: try row.decode(column: "price", as: Int64.self),
                      status: try row.decode(column: "status", as: Int.self), deadline: try row.decode(column: "pay_deadline", as: Date.self),
                      depositID: try row.decode(column: "deposit_id", as: Int?.self),
                      deposit: try row.decode(column: "deposit_balance", as: Int64?.self) ?? 0,
                      isSessionDeposit: try row.decode(column: "deposit_type", as: Int?.self) == 2,
                      depositRechargeID: try row.decode(column: "recharge_id", as: String?.self),
                      createTime: try row.decode(column: "create_time", as: Date.self))
            }
    }

    /// The pay page's data for the buyer's own unpaid order.
    public func quote(orderID: Int, userID: Int) async throws -> Quote {
        guard let order = try await order(orderID, userID: userID) else { throw AuctionsError.unknownOrder }
        guard order.status == 1 else { throw AuctionsError.orderNotUnpaid }
        let now = services.clock.now()
        let promotions = Promotions(services: services)
        let line = CheckoutPricing.Line(key: "lot:\(order.itemID)", unitPrice: order.price, count: 1, kind: .auctionLot,
                                        tags: ["auction:\(order.auctionID)"])
        let coupons = try await promotions.unusedCoupons(userID: userID).compactMap { coupon -> (Promotions.UserCoupon, Int64)? in
            guard let off = promotions.evaluate(coupon, lines: [line], now: now).discount else { return nil }
            return (coupon, off)
        }
        return Quote(order: order, coupons: coupons, depositHeldForOthers: try await depositHeld(order, now: now),
                     balance: try await Ledger(.wallet, services: services).balance(userID: userID))
    }

    /// A session deposit's rest stays while the session runs or another of the buyer's orders in it is unpaid.
    func depositHeld(_ order: Order, now: Date) async throws -> Bool {
        guard order.isSessionDeposit else { return false }
        let row = try await services.readSQL().raw("""
            SELECT a.auction_end_time,
                   (SELECT COUNT(*) FROM auction_orders WHERE auction_id = a.id AND user_id = \(bind: order.userID) AND status = 1
                      AND id <> \(bind: order.id)) AS unpaid,
                   (SELECT COUNT(*) FROM auction_items WHERE auction_id = a.id AND status < \(bind: AuctionSchedule.LotStatus.sold.rawValue)) AS open
            FROM auctions a WHERE a.id = \(bind: order.auctionID)
            """).first()!
        let end = try row.decode(column: "auction_end_time", as: Date.self), open = try row.decode(column: "open", as: Int.self)
        let ended = now >= end && open == 0
        return !AuctionPayment.sessionDepositRefundable(sessionEnded: ended, unpaidOrdersInSession: try row.decode(column: "unpaid", as: Int.self))
    }

    /// Pays the buyer's order with their choices: a coupon (one of the quote's), the wallet or not, and the provider for
    /// what is left (`method`, required only when something is left); the lot ships to `addressID` (one of theirs).
    public func pay(orderID: Int, userID: Int, couponID: Int?, useBalance: Bool, method: PayMethod?, addressID: Int?,
                    recordedPayType: Int = 2) async throws -> Outcome {
        for attempt in 0..<20 {
            let quote = try await quote(orderID: orderID, userID: userID)
            let now = services.clock.now()
            guard now < quote.order.deadline else { throw AuctionsError.orderOverdue }
            var couponOff: Int64 = 0
            if let couponID {
                guard let match = quote.coupons.first(where: { $0.coupon.id == couponID }) else { throw PromotionsError.couponUnavailable }
                couponOff = match.off
            }
            let plan = quote.plan(couponOff: couponOff, useBalance: useBalance)
            if !plan.isPaidNow {
                guard let method, [.alipay, .wechat].contains(method) else { throw AuctionsError.payMethodRequired }
                let followUp = try WalletRecharges.FollowUp(job: Self.followUpJob,
                                                            payload: FollowUpPayload(order_id: orderID, user_id: userID, coupon_id: couponID,
                                                                                     address_id: addressID, pay_type: AuctionPayment.payType(method)))
                // The provider is asked for what the wallet can't pay: once it lands, the wallet covers the rest.
                let recharge = try await WalletRecharges(services: services).create(userID: userID, amount: plan.providerDue, payMethod: method,
                                                                                   then: followUp)
                return .providerDue(recharge, plan)
            }
            do {
                try await services.planExecutor.execute(try steps(quote.order, plan: plan, couponID: couponID, addressID: addressID, payType: recordedPayType, now: now))
            } catch is Ledger.Insufficient {
                continue  // the wallet moved since it was read: work it out again
            } catch let error where error is PlanShortfall || error.isTransientConflict {
                if attempt > 2 { try await Task.sleep(for: .milliseconds(Int.random(in: 1...10))) }
                continue
            }
            try await AuctionDepositRefunds(services: services).refundSessionDeposits(auctionID: quote.order.auctionID, userID: userID)
            return .paid(plan)
        }
        throw AuctionsError.paymentBusy
    }

    /// One plan: the order paid (only while unpaid and in time), the coupon spent, the deposit's deduction (支付抵扣)
    /// and refund, the wallet's debit — each guarded, so a race with the overdue job or a second payment changes nothing.
    func steps(_ order: Order, plan: AuctionPayment.Plan, couponID: Int?, addressID: Int?, payType: Int, now: Date) throws -> WritePlan {
        var steps = WritePlan()
        steps.require("""
            UPDATE auction_orders SET status = 2, real_price = \(bind: order.price - plan.couponOff), pay_type = \(bind: payType),
                   address_id = \(bind: addressID), coupon_id = \(bind: couponID), coupon_off = \(bind: plan.couponOff), deposit_deducted = \(bind: plan.depositDeducted),
                   deposit_refunded = \(bind: plan.depositRefunded), balance_paid = \(bind: plan.balancePaid), paid_time = \(bind: now),
                   update_time = \(bind: now)
            WHERE id = \(bind: order.id) AND status = 1 AND pay_deadline > \(bind: now)
            """, touches: 1) { _ in AuctionsError.orderNotUnpaid }
        if let couponID {
            steps.append(Promotions(services: services).useSteps(userCouponID: couponID, userID: order.userID, orderID: order.uid, now: now))
        }
        if let depositID = order.depositID, plan.depositDeducted + plan.depositRefunded > 0 {
            // One update of the deposit for what it pays and what it gives back, guarded on the balance read.
            steps.require("""
                UPDATE auction_deposits SET balance = balance - \(bind: plan.depositDeducted + plan.depositRefunded), update_time = \(bind: now)
                WHERE id = \(bind: depositID) AND balance = \(bind: order.deposit)
                """, touches: 1) { _ in nil }
            if plan.depositDeducted > 0 {
                steps.write("""
                    INSERT INTO auction_deposit_deductions (order_id, deposit_id, amount, deduct_type, create_time, update_time)
                    VALUES (\(bind: order.id), \(bind: depositID), \(bind: plan.depositDeducted), 2, \(bind: now), \(bind: now))
                    """)
            }
            if plan.depositRefunded > 0 {
                steps.append(try AuctionDepositRefunds(services: services).recordSteps(
                    depositID: depositID, userID: order.userID, amount: plan.depositRefunded, uid: "P\(order.uid)", reference: order.uid,
                    rechargeID: order.depositRechargeID, now: now))
            }
        }
        if plan.balancePaid > 0 {
            steps.append(Ledger(.wallet, services: services).debitSteps(userID: order.userID, amount: plan.balancePaid, reason: .auctionPayment,
                                                                        orderID: order.uid, now: now))
        }
        return steps
    }

    /// The recharge's follow-up: the money is in the wallet now, so the order is paid from it with the buyer's
    /// coupon. An order paid or forfeited meanwhile leaves the money in the wallet (nothing is lost); so does a
    /// coupon that is no longer usable — then the order is paid without it if the wallet covers that.
    func payAfterRecharge(_ payload: FollowUpPayload) async throws {
        do {
            _ = try await pay(orderID: payload.order_id, userID: payload.user_id, couponID: payload.coupon_id, useBalance: true, method: nil,
                              addressID: payload.address_id, recordedPayType: payload.pay_type ?? 2)
        } catch PromotionsError.couponUnavailable {
            _ = try? await pay(orderID: payload.order_id, userID: payload.user_id, couponID: nil, useBalance: true, method: nil,
                               addressID: payload.address_id, recordedPayType: payload.pay_type ?? 2)
        } catch let error as AuctionsError where [.orderNotUnpaid, .orderOverdue, .unknownOrder, .payMethodRequired].contains(error) {
            services.logger.info("auction order not paid after its recharge; the money stays in the wallet",
                                 metadata: ["order_id": "\(payload.order_id)", "reason": "\(error)"])
        }
    }

    /// Staff ship a paid order (待收货 from then on).
    public func ship(orderID: Int) async throws {
        let now = services.clock.now()
        let changed = try await services.sql().raw("""
            UPDATE auction_orders SET ship_time = \(bind: now), update_time = \(bind: now)
            WHERE id = \(bind: orderID) AND status = 2 AND ship_time IS NULL RETURNING id
            """).all()
        guard !changed.isEmpty else {
            let exists = try await services.readSQL().raw("SELECT id FROM auction_orders WHERE id = \(bind: orderID)").first() != nil
            throw exists ? AuctionsError.orderNotShippable : AuctionsError.unknownOrder
        }
    }

    /// The buyer confirms a shipped order arrived (已完成).
    public func confirmReceipt(orderID: Int, userID: Int) async throws {
        let now = services.clock.now()
        let changed = try await services.sql().raw("""
            UPDATE auction_orders SET status = 3, finish_time = \(bind: now), update_time = \(bind: now)
            WHERE id = \(bind: orderID) AND user_id = \(bind: userID) AND status = 2 AND ship_time IS NOT NULL RETURNING id
            """).all()
        guard !changed.isEmpty else {
            throw try await order(orderID, userID: userID) == nil ? AuctionsError.unknownOrder : AuctionsError.orderNotShipped
        }
    }
}
