import Foundation
import HummingbirdTesting
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// A deposit paid at Alipay's or WeChat Pay's cashier goes back there (原路退回), not to the wallet: a 待退款 record
/// in the plan that takes it off the deposit, then the refund job asks the provider (the local fakes, which check
/// signatures, amounts and repeats as the real ones do) and marks it 退款成功.
@Suite(.heavy, .timeLimit(.minutes(10))) struct AuctionProviderRefundTests {
    static let alipayTrade = "2026120122001400001000000777"
    static let wechatTransaction = "4200002026120100000000000777"

    /// B's lot deposit paid through `method` (the recharge confirmed, its follow-up run), A's from the wallet; B bids
    /// ¥1,000, A ¥1,100, and the lot ends: settling it gives B's deposit back. B's user id and deposit recharge.
    static func outbidAfterPayingAtACashier(_ env: TestEnvironment, _ clock: ManualClock, method: PayMethod,
                                            confirm: (WalletRecharges.Recharge) async throws -> Void) async throws -> (b: Int, recharge: WalletRecharges.Recharge, lot: LiveLot) {
        let lot = try await env.liveLot()
        let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
        let b = try await env.createUser("bidderB", mobile: "13800000002").id!
        let house = AuctionHouse(services: env.services)
        let recharge = try await house.requestDeposit(userID: b, auctionID: lot.session, itemID: lot.item, method: method)
        try await confirm(recharge)
        await env.runJobs()
        try await house.bid(userID: b, itemID: lot.item, maximum: 1_000_00)
        try await house.bid(userID: a, itemID: lot.item, maximum: 1_100_00)
        clock.advance(by: 3_601)
        return (b, recharge, lot)
    }

    @Test func anAlipayPaidDepositOfALoserIsRefundedThroughAlipay() async throws {
        let clock = ManualClock()
        let fake = try await FakeAlipayGateway.start()
        defer { fake.stop() }
        try await withApp({ $0.alipay = AlipayTestKeys.config(gateway: fake.url) }, clock: clock.shopClock) { _, env in
            // setup
            let (b, recharge, lot) = try await Self.outbidAfterPayingAtACashier(env, clock, method: .alipay) { recharge in
                try fake.setTrades([recharge.id: ["trade_no": Self.alipayTrade, "total_amount": "100.00", "trade_status": "TRADE_SUCCESS"]])
                _ = try await WalletRecharges(services: env.services).confirm(id: recharge.id, tradeID: Self.alipayTrade, provider: "alipay")
            }
            // act
            _ = try await AuctionSettlement(services: env.services).settle(itemID: lot.item)
            let waiting = try await env.depositRefunds(user: b)
            await env.runJobs()
            // check: ¥100 asked back from the recharge's trade under the refund's number; 待退款, then 退款成功; the
            // wallet saw the money pass through (recharge in, deposit out) and gets nothing more
            let asked = try fake.received().filter { $0.method == "alipay.trade.refund" }
            #expect(asked.map(\.code) == ["10000"])
            #expect(asked.first?.biz?["refund_amount"] == "100.00" && asked.first?.biz?["trade_no"] == Self.alipayTrade)
            #expect(asked.first?.biz?["out_trade_no"] == recharge.id && asked.first?.biz?["out_request_no"] == waiting.first?.uid)
            #expect(waiting.map(\.status) == [1])
            #expect(try await env.depositRefunds(user: b).map(\.status) == [2])
            #expect(try await env.walletRows(b) == [.init(10_000, "充值"), .init(-10_000, "拍卖保证金")])
            #expect(try await env.balance(.wallet, of: b) == 0)
            #expect(try await env.depositBalance(user: b) == 0)
        }
    }

    /// A lot deposit paid by WeChat Pay (the buyer scanned the code and WeChat notified the recharge), its payer B
    /// outbid: `body` settles the lot. WeChat's notification is believed only within five minutes of the shop's clock,
    /// so the clock starts at the real time.
    static func withWeChatPaidDeposit(_ body: @Sendable (any TestClientProtocol, TestEnvironment, ManualClock, FakeWeChatPay, Int, LiveLot) async throws -> Void) async throws {
        let clock = ManualClock(Date())
        let fake = try await FakeWeChatPay.start()
        defer { fake.stop() }
        try await withApp({ $0.wechatPay = WeChatTestKeys.config(baseURL: fake.baseURL, platformSerial: WeChatTestKeys.platformSerial) },
                          clock: clock.shopClock) { client, env in
            let (b, _, lot) = try await Self.outbidAfterPayingAtACashier(env, clock, method: .wechat) { recharge in
                _ = try await WeChatPayments(services: env.services).codeURL(for: Payable(recharge: recharge))
                let (_, notification) = try await fake.notification(orderID: recharge.id, transactionID: Self.wechatTransaction)
                try #require(try await client.deliverWeChat(notification).status == .ok)
            }
            try await body(client, env, clock, fake, b, lot)
        }
    }

    @Test func aWeChatPaidDepositIsRefundedThroughWeChatPay() async throws {
        try await Self.withWeChatPaidDeposit { _, env, _, fake, b, lot in
            // act
            _ = try await AuctionSettlement(services: env.services).settle(itemID: lot.item)
            await env.runJobs()
            // check: the deposit was recorded as paid by WeChat (1); the refund asked of the transaction, PROCESSING,
            // then asked about and found SUCCESS
            let deposit = try await env.services.sql().raw("SELECT pay_type FROM auction_deposits WHERE user_id = \(bind: b)").first()!
            #expect(try deposit.decode(column: "pay_type", as: Int.self) == 1)
            let refunds = try fake.received().filter { $0.path.hasPrefix(WeChatPayClient.refundPath) }
            #expect(refunds.map(\.code) == ["OK", "OK"])
            let asked = try #require(refunds.first?.json)
            #expect(asked["transaction_id"] as? String == Self.wechatTransaction)
            #expect((asked["amount"] as? [String: Any])?["refund"] as? Int == 100_00)
            #expect(try await env.depositRefunds(user: b).map(\.status) == [2])
            #expect(try await env.balance(.wallet, of: b) == 0)
        }
    }

    @Test func aWeChatDepositRefundStillProcessingIsFinishedByWeChatsNotification() async throws {
        try await Self.withWeChatPaidDeposit { client, env, clock, fake, b, lot in
            // setup: WeChat keeps the refund PROCESSING when the job asks
            try await fake.holdRefunds(true)
            _ = try await AuctionSettlement(services: env.services).settle(itemID: lot.item)
            await env.runJobs()
            let waiting = try await env.depositRefunds(user: b)
            let (_, notice) = try await fake.refundNotification(outRefundNo: try #require(waiting.first?.uid))
            clock.advance(by: -3_601)  // back to the real time the notice is signed at (WeChat's 5-minute window)
            // act
            let response = try await client.deliverWeChat(notice)
            // check: 待退款 while WeChat processed it, 退款成功 once it said so
            #expect(waiting.map(\.status) == [1])
            #expect(response.status == .ok)
            #expect(try await env.depositRefunds(user: b).map(\.status) == [2])
        }
    }

    @Test func aProviderOutOfReachLeavesTheRefundWaitingForItsRetry() async throws {
        let clock = ManualClock()
        try await withApp({ $0.alipay = AlipayTestKeys.config(gateway: "http://127.0.0.1:9/gateway.do") }, clock: clock.shopClock) { _, env in
            // setup
            let (b, _, lot) = try await Self.outbidAfterPayingAtACashier(env, clock, method: .alipay) { recharge in
                _ = try await WalletRecharges(services: env.services).confirm(id: recharge.id, tradeID: Self.alipayTrade, provider: "alipay")
            }
            // act
            _ = try await AuctionSettlement(services: env.services).settle(itemID: lot.item)
            await env.runJobs()
            // check: still 待退款, nothing in the wallet, the job waiting to try again
            #expect(try await env.depositRefunds(user: b).map(\.status) == [1])
            #expect(try await env.balance(.wallet, of: b) == 0)
            let job = try await env.services.sql().raw("""
                SELECT state, attempts FROM jobs WHERE kind = \(bind: AuctionDepositRefunds.providerJob)
                """).first()!
            #expect(try job.decode(column: "state", as: String.self) == "ready" && job.decode(column: "attempts", as: Int.self) == 1)
        }
    }

    @Test func whatAPaymentLeavesOfAnAlipayDepositGoesBackInPart() async throws {
        let clock = ManualClock()
        let fake = try await FakeAlipayGateway.start()
        defer { fake.stop() }
        try await withApp({ $0.alipay = AlipayTestKeys.config(gateway: fake.url) }, clock: clock.shopClock) { _, env in
            // setup: B pays the deposit at Alipay and wins at ¥1,000; a ¥950 coupon leaves ¥50 for the deposit
            let lot = try await env.liveLot()
            let b = try await env.createUser("bidderB", mobile: "13800000002").id!
            let house = AuctionHouse(services: env.services)
            let recharge = try await house.requestDeposit(userID: b, auctionID: lot.session, itemID: lot.item, method: .alipay)
            try fake.setTrades([recharge.id: ["trade_no": Self.alipayTrade, "total_amount": "100.00", "trade_status": "TRADE_SUCCESS"]])
            _ = try await WalletRecharges(services: env.services).confirm(id: recharge.id, tradeID: Self.alipayTrade, provider: "alipay")
            await env.runJobs()
            try await house.bid(userID: b, itemID: lot.item, maximum: 1_000_00)
            clock.advance(by: 3_601)
            _ = try await AuctionSettlement(services: env.services).settle(itemID: lot.item)
            let coupon = try await env.auctionCoupon(to: b, sale: "-950", session: lot.session)
            // act
            _ = try await AuctionPayments(services: env.services).pay(orderID: try await env.auctionOrderID(item: lot.item), userID: b,
                                                                      couponID: coupon, useBalance: false, method: nil, addressID: nil)
            await env.runJobs()
            // check: ¥50 deducted, ¥50 back through Alipay, none to the wallet
            let asked = try fake.received().filter { $0.method == "alipay.trade.refund" }
            #expect(asked.map { $0.biz?["refund_amount"] } == ["50.00"])
            #expect(try await env.depositRefunds(user: b).map(\.status) == [2])
            #expect(try await env.balance(.wallet, of: b) == 0)
            #expect(try await env.depositBalance(user: b) == 0)
        }
    }
}

extension TestEnvironment {
    /// The user's deposit refunds, oldest first: their numbers and 1 待退款 / 2 退款成功.
    func depositRefunds(user: Int) async throws -> [(uid: String, status: Int)] {
        try await services.sql().raw("""
            SELECT r.uid, r.status FROM auction_deposit_refunds r JOIN auction_deposits d ON d.id = r.deposit_id
            WHERE d.user_id = \(bind: user) ORDER BY r.id
            """).all().map { (try $0.decode(column: "uid", as: String.self), try $0.decode(column: "status", as: Int.self)) }
    }
}
