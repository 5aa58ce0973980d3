import Foundation
import MeiduoRules

/// What the shopper chose at checkout besides the goods: a coupon (one of theirs), credits to spend, the balance.
public struct CheckoutChoices: Sendable, Equatable {
    public var couponID: Int?
    public var credits: Int
    public var useBalance: Bool

    public init(couponID: Int? = nil, credits: Int = 0, useBalance: Bool = false) {
        self.couponID = couponID
        self.credits = credits
        self.useBalance = useBalance
    }

    public static let none = CheckoutChoices()
}

/// One checkout priced with the shopper's choices: the same function for the settlement page and for placing the
/// order, so 实付 shown is 实付 charged. Refuses choices that can't be honoured (a coupon that doesn't apply, more
/// credits than allowed) as field errors.
struct CheckoutQuote: Sendable {
    let lines: [CheckoutPricing.Line]
    let priced: CheckoutPricing.Priced
    let coupon: Promotions.UserCoupon?
    let credits: Int
    let creditBalance: Int64
    let maxCredits: Int
    let walletBalance: Int64

    /// `display`: the settlement page shows the credit and wallet balances even when they are not used; placing an order
    /// reads only the balances it spends from.
    static func make(services: AppServices, userID: Int, lines: [CheckoutPricing.Line], choices: CheckoutChoices, now: Date,
                     display: Bool = false) async throws -> CheckoutQuote {
        let goods = lines.reduce(0) { $0 + $1.amount }
        var coupon: Promotions.UserCoupon?
        var discount: (name: String, rule: CheckoutPricing.Discount)?
        var discountScope = CouponScope.all
        var off: Int64 = 0
        if let couponID = choices.couponID {
            let promotions = Promotions(services: services)
            guard let mine = try await promotions.userCoupon(id: couponID, userID: userID) else { throw PromotionsError.couponUnavailable }
            let evaluation = promotions.evaluate(mine, lines: lines, now: now)
            if let refusal = evaluation.refusal { throw PromotionsError.couponRefused(refusal.rawValue) }
            guard let rule = mine.template.discount, let scope = mine.template.couponScope else { throw PromotionsError.couponUnavailable }
            coupon = mine
            discount = (mine.template.name, rule)
            discountScope = scope
            off = evaluation.discount ?? 0
        }
        let discounted = goods - off
        let rules = services.config.creditRules
        let creditBalance = display || choices.credits != 0 ? try await Ledger(.credits, services: services).balance(userID: userID) : 0
        let maxCredits = rules.maxUsable(balance: Int(clamping: creditBalance), goodsAfterDiscount: discounted)
        guard choices.credits >= 0 else { throw OrdersError.tooManyCredits(maxCredits) }
        guard choices.credits <= maxCredits else { throw OrdersError.tooManyCredits(maxCredits) }
        let walletBalance = display || choices.useBalance ? try await Ledger(.wallet, services: services).balance(userID: userID) : 0
        let priced = CheckoutPricing.price(lines, freight: services.config.freightCents, adjustments: .init(
            discount: discount, credits: rules.value(choices.credits), balance: choices.useBalance ? max(walletBalance, 0) : 0,
            discountScope: discountScope))
        return CheckoutQuote(lines: lines, priced: priced, coupon: coupon, credits: choices.credits, creditBalance: creditBalance,
                             maxCredits: maxCredits, walletBalance: walletBalance)
    }

    /// The steps that spend what the shopper chose: the coupon, the credits and the balance, each only if still there.
    func spendingSteps(services: AppServices, userID: Int, orderID: String, now: Date) -> WritePlan {
        var plan = WritePlan()
        if let coupon { plan.append(Promotions(services: services).useSteps(userCouponID: coupon.id, userID: userID, orderID: orderID, now: now)) }
        plan.append(Ledger(.credits, services: services).debitSteps(userID: userID, amount: Int64(credits), reason: .orderPayment, orderID: orderID, now: now))
        plan.append(Ledger(.wallet, services: services).debitSteps(userID: userID, amount: priced.balanceAmount, reason: .orderPayment, orderID: orderID, now: now))
        return plan
    }
}
