import Foundation
import MeiduoRules
import Testing
@testable import App

/// A recharge whose notification never came and whose buyer never came back is credited when `alipay.trade.query`
/// (Tests/Support/fake_alipay_gateway.py, signing as Alipay) reports it paid.
@Suite(.heavy, .timeLimit(.minutes(10))) struct WalletRechargeReconciliationTests {
    static let tradeNo = "2026113022001400001000000888"

    @Test func theScanFindsAnUnpaidRechargeAndCreditsItOnce() async throws {
        let fake = try await FakeAlipayGateway.start()
        defer { fake.stop() }
        try await withAlipayApp(gateway: fake.url) { _, env in
            // setup
            let user = try await env.createUser()
            let recharge = try await WalletRecharges(services: env.services).create(userID: user.id!, amount: 8_800, payMethod: .alipay)
            try fake.setTrades([recharge.id: ["trade_no": Self.tradeNo, "total_amount": "88.00", "trade_status": "TRADE_SUCCESS"]])
            let created = env.services.clock.now().addingTimeInterval(-AlipayPayments.scanMinimumAge - 1)
            try await env.services.sql().raw("UPDATE wallet_recharges SET create_time = \(bind: created)").run()
            let alipay = try AlipayPayments(services: env.services)
            // act
            let queued = try await alipay.enqueueReconciliations()
            await env.runJobs()
            let again = try await alipay.reconcile(number: recharge.id)
            // check
            #expect(queued == 1)
            #expect(try await env.balance(.wallet, of: user.id!) == 8_800)
            #expect(again == .skipped)
            #expect(try fake.received().map(\.method) == ["alipay.trade.query"])
        }
    }
}
