import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// Paying a won lot: seed 001's four cases, each with the exact ledger rows, and the session deposit held back while
/// another order of the session is unpaid.
@Suite struct AuctionPaymentTests {
    /// A lot won by A at ¥1,000 (its ¥100 lot deposit paid from the wallet) and settled; A's wallet is empty. The
    /// order's id and serial number.
    static func won(_ env: TestEnvironment, _ clock: ManualClock) async throws -> (lot: LiveLot, winner: Int, order: Int, orderUID: String) {
        let lot = try await env.liveLot()
        let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
        try await AuctionHouse(services: env.services).bid(userID: a, itemID: lot.item, maximum: 1_000_00)
        clock.advance(by: 3_601)
        guard case .sold(let uid) = try await AuctionSettlement(services: env.services).settle(itemID: lot.item) else { throw AuctionsError.unknownLot }
        return (lot, a, try await env.auctionOrderID(item: lot.item), uid)
    }

    @Test func aCouponCoveringTheHammerPricePaysItAndTheDepositComesBack() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: a ¥1,000 coupon of this session
            let won = try await Self.won(env, clock)
            let coupon = try await env.auctionCoupon(to: won.winner, sale: "-1000", session: won.lot.session)
            // act
            let outcome = try await AuctionPayments(services: env.services).pay(orderID: won.order, userID: won.winner, couponID: coupon,
                                                                                useBalance: false, method: nil, addressID: nil)
            // check: case 1; paid; the coupon used; the ¥100 deposit back to the wallet as one 保证金退还 row
            guard case .paid(let plan) = outcome else { Issue.record("not paid: \(outcome)"); return }
            #expect(plan.paymentCase == .coveredByCoupon)
            #expect(try await env.auctionOrder(item: won.lot.item)?.status == 2)
            #expect(try await env.couponStatus(coupon) == 2)
            #expect(try await env.walletRows(won.winner) == [
                .init(10_000, "人工调整"), .init(-10_000, "拍卖保证金"), .init(10_000, "保证金退还")])
            #expect(try await env.ledgerBalances(.wallet, of: won.winner))
        }
    }

    @Test func aCouponAndTheWholeDepositPayExactly() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: ¥900 off leaves exactly the ¥100 deposit
            let won = try await Self.won(env, clock)
            let coupon = try await env.auctionCoupon(to: won.winner, sale: "-900", session: won.lot.session)
            // act
            let outcome = try await AuctionPayments(services: env.services).pay(orderID: won.order, userID: won.winner, couponID: coupon,
                                                                                useBalance: false, method: nil, addressID: nil)
            // check: case 2; the deposit deducted in full (支付抵扣), no wallet movement
            guard case .paid(let plan) = outcome else { Issue.record("not paid: \(outcome)"); return }
            #expect(plan.paymentCase == .coveredByDeposit)
            #expect(try await env.deductions(order: won.order) == [.init(10_000, 2)])
            #expect(try await env.depositBalance(user: won.winner) == 0)
            #expect(try await env.walletRows(won.winner) == [.init(10_000, "人工调整"), .init(-10_000, "拍卖保证金")])
        }
    }

    @Test func aDepositLargerThanTheRestIsPartlyDeductedAndTheRestRefunded() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: ¥950 off leaves ¥50 of the ¥100 deposit's worth
            let won = try await Self.won(env, clock)
            let coupon = try await env.auctionCoupon(to: won.winner, sale: "-950", session: won.lot.session)
            // act
            let outcome = try await AuctionPayments(services: env.services).pay(orderID: won.order, userID: won.winner, couponID: coupon,
                                                                                useBalance: false, method: nil, addressID: nil)
            // check: case 3; ¥50 deducted, ¥50 back to the wallet
            guard case .paid(let plan) = outcome else { Issue.record("not paid: \(outcome)"); return }
            #expect(plan.paymentCase == .depositLeftOver)
            #expect(try await env.deductions(order: won.order) == [.init(5_000, 2)])
            #expect(try await env.walletRows(won.winner) == [
                .init(10_000, "人工调整"), .init(-10_000, "拍卖保证金"), .init(5_000, "保证金退还")])
            #expect(try await env.depositBalance(user: won.winner) == 0)
        }
    }

    @Test func theBalancePaysWhatTheDepositLeavesAndAProviderTheRest() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: ¥500 in the wallet; ¥900 left after the deposit
            let won = try await Self.won(env, clock)
            try await env.give(.wallet, 500_00, to: won.winner)
            let payments = AuctionPayments(services: env.services)
            // act: pay with the balance and Alipay; Alipay's trade for the ¥400 is confirmed; the follow-up job runs
            let outcome = try await payments.pay(orderID: won.order, userID: won.winner, couponID: nil, useBalance: true, method: .alipay,
                                                 addressID: nil)
            guard case .providerDue(let recharge, let plan) = outcome else { Issue.record("no provider part: \(outcome)"); return }
            let unpaidBeforeTrade = try await env.auctionOrder(item: won.lot.item)?.status
            _ = try await WalletRecharges(services: env.services).confirm(id: recharge.id, tradeID: "T1", provider: "alipay")
            _ = await env.runJobs()
            // check: case 4 asked Alipay for ¥400; once it landed the order was paid: deposit ¥100, wallet ¥900
            #expect(plan.paymentCase == .remainderDue && recharge.amount == 400_00)
            #expect(unpaidBeforeTrade == 1)
            #expect(try await env.auctionOrder(item: won.lot.item)?.status == 2)
            let payType = try await env.services.sql().raw("SELECT pay_type FROM auction_orders WHERE id = \(bind: won.order)").first()!
            #expect(try payType.decode(column: "pay_type", as: Int.self) == 3)  // 支付宝, though the money came through the wallet
            #expect(try await env.deductions(order: won.order) == [.init(10_000, 2)])
            #expect(try await env.walletRows(won.winner) == [
                .init(10_000, "人工调整"), .init(-10_000, "拍卖保证金"), .init(50_000, "人工调整"), .init(40_000, "充值"),
                .init(-90_000, "拍品支付")])
            #expect(try await env.ledgerBalances(.wallet, of: won.winner))
        }
    }

    @Test func aRemainderWithoutAProviderIsRefusedAndNothingMoves() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: an empty wallet, ¥900 left after the deposit
            let won = try await Self.won(env, clock)
            // act
            let refusal = await #expect(throws: AuctionsError.self) {
                try await AuctionPayments(services: env.services).pay(orderID: won.order, userID: won.winner, couponID: nil, useBalance: true,
                                                                      method: nil, addressID: nil)
            }
            // check
            #expect(refusal == .payMethodRequired)
            #expect(try await env.auctionOrder(item: won.lot.item)?.status == 1)
            #expect(try await env.depositBalance(user: won.winner) == 100_00)
        }
    }

    @Test func aCouponOfAnotherSessionIsRefused() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup
            let won = try await Self.won(env, clock)
            let coupon = try await env.auctionCoupon(to: won.winner, sale: "-900", session: won.lot.session + 1)
            // act
            let refusal = await #expect(throws: PromotionsError.self) {
                try await AuctionPayments(services: env.services).pay(orderID: won.order, userID: won.winner, couponID: coupon,
                                                                      useBalance: false, method: nil, addressID: nil)
            }
            // check
            #expect(refusal == .couponUnavailable)
            #expect(try await env.couponStatus(coupon) == 1)
        }
    }

    @Test func aSessionDepositIsHeldWhileAnotherOrderOfTheSessionIsUnpaid() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: a ¥300 session deposit covers two lots A wins at ¥1,000 each; the session is over
            let house = AuctionHouse(services: env.services)
            let now = clock.now
            let session = try await house.createSession(.init(title: "秋拍", times: .init(
                previewStart: now.addingTimeInterval(-7_200), auctionStart: now.addingTimeInterval(-60), auctionEnd: now.addingTimeInterval(3_600)),
                deposit: 300_00))
            let lots = [try await house.createLot(.init(uid: "B001", title: "玉璧", start: 1_000_00, unit: 100_00), auctionID: session),
                        try await house.createLot(.init(uid: "B002", title: "铜镜", start: 1_000_00, unit: 100_00), auctionID: session)]
            let a = try await env.createUser("bidderA", mobile: "13800000001").id!
            try await env.give(.wallet, 300_00, to: a)
            try await house.payDepositFromWallet(userID: a, auctionID: session, itemID: nil)
            for lot in lots { try await house.bid(userID: a, itemID: lot, maximum: 1_000_00) }
            clock.advance(by: 3_601)
            for lot in lots { _ = try await AuctionSettlement(services: env.services).settle(itemID: lot) }
            let payments = AuctionPayments(services: env.services)
            let first = try await env.auctionOrderID(item: lots[0]), second = try await env.auctionOrderID(item: lots[1])
            // act: pay the first with ¥950 off (¥50 from the deposit) while the second is unpaid; then the second with ¥1,000 off
            _ = try await payments.pay(orderID: first, userID: a, couponID: try await env.auctionCoupon(to: a, sale: "-950", session: session),
                                       useBalance: false, method: nil, addressID: nil)
            let heldWhileUnpaid = try await env.depositBalance(user: a)
            let walletWhileUnpaid = try await env.balance(.wallet, of: a)
            _ = try await payments.pay(orderID: second, userID: a, couponID: try await env.auctionCoupon(to: a, sale: "-1000", session: session),
                                       useBalance: false, method: nil, addressID: nil)
            // check: ¥250 kept while the second was unpaid; given back once it was paid
            #expect(heldWhileUnpaid == 250_00 && walletWhileUnpaid == 0)
            #expect(try await env.depositBalance(user: a) == 0)
            #expect(try await env.balance(.wallet, of: a) == 250_00)
            #expect(try await env.ledgerBalances(.wallet, of: a))
        }
    }
}

struct LedgerRow: Equatable, CustomStringConvertible {
    let amount: Int64
    let reason: String

    init(_ amount: Int64, _ reason: String) {
        self.amount = amount
        self.reason = reason
    }

    var description: String { "\(amount) \(reason)" }
}

struct DeductionRow: Equatable {
    let amount: Int64
    let type: Int

    init(_ amount: Int64, _ type: Int) {
        self.amount = amount
        self.type = type
    }
}

extension TestEnvironment {
    func auctionOrderID(item: Int) async throws -> Int {
        try await services.sql().raw("SELECT id FROM auction_orders WHERE item_id = \(bind: item)").first()!.decode(column: "id", as: Int.self)
    }

    /// A coupon for one auction session, granted to the user; its user-coupon id.
    func auctionCoupon(to userID: Int, sale: String, session: Int) async throws -> Int {
        let promotions = Promotions(services: services)
        let template = try await promotions.createTemplate(.init(name: "专场券", sale: sale, thresholdYuan: 0, timerDays: 30, scope: "auction",
                                                                 scopeID: session))
        return try await promotions.grant(couponID: template.id, userID: userID).id
    }

    /// The user's wallet entries, oldest first, by reason (without a staff note).
    func walletRows(_ userID: Int) async throws -> [LedgerRow] {
        try await services.sql().raw("""
            SELECT amount, reason FROM ledger_entries WHERE ledger = 'wallet' AND user_id = \(bind: userID) ORDER BY id
            """).all().map { row in
                LedgerRow(try row.decode(column: "amount", as: Int64.self),
                          String(try row.decode(column: "reason", as: String.self).prefix { $0 != "：" }))
            }
    }

    func deductions(order: Int) async throws -> [DeductionRow] {
        try await services.sql().raw("SELECT amount, deduct_type FROM auction_deposit_deductions WHERE order_id = \(bind: order) ORDER BY id").all()
            .map { DeductionRow(try $0.decode(column: "amount", as: Int64.self), try $0.decode(column: "deduct_type", as: Int.self)) }
    }

    /// What is left of the user's deposits.
    func depositBalance(user: Int) async throws -> Int64 {
        try await services.sql().raw("SELECT CAST(COALESCE(SUM(balance), 0) AS BIGINT) AS b FROM auction_deposits WHERE user_id = \(bind: user)").first()!
            .decode(column: "b", as: Int64.self)
    }
}
