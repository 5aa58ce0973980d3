import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// `POST /wallet/recharge/`: money paid into the wallet through Alipay or WeChat Pay, credited once when a provider
/// confirms the trade, whichever report (notify, return, reconciliation) comes first and however many come at once.
@Suite struct WalletRechargeTests {
    static let tradeNo = "2026113022001400001000000777"

    /// A user with an unpaid ¥100.00 Alipay recharge, made through the endpoint.
    static func alipayRecharge(_ client: any TestClientProtocol, _ env: TestEnvironment, amount: String = "100.00") async throws -> (User, String, String) {
        let (user, token) = try await env.loggedInUser()
        let response = try await client.send(.post, "/wallet/recharge/", json: ["amount": amount, "pay_method": 2], token: token)
        let id = try #require(response.object["id"] as? String, "\(response.status) \(response.text)")
        return (user, token, id)
    }

    static func notify(_ id: String, amount: String = "100.00", tradeNo: String = tradeNo) -> [String: String] {
        AlipaySimulator.signed(AlipaySimulator.notifyFields(orderID: id, amount: amount, tradeNo: tradeNo))
    }

    static func rechargeCount(_ env: TestEnvironment) async throws -> Int {
        try await env.services.sql().raw("SELECT COUNT(*) AS n FROM wallet_recharges").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test func anAlipayRechargeAnswersTheCashierURLForItsAmount() async throws {
        try await withAlipayApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            let response = try await client.send(.post, "/wallet/recharge/", json: ["amount": "100", "pay_method": 2], token: token)
            // check
            #expect(response.status == .created)
            let id = try #require(response.object["id"] as? String)
            #expect(RechargeRules.isRechargeNumber(id))
            #expect(response.object["amount"] as? String == "100.00" && response.object["status"] as? String == "unpaid")
            let link = try #require(response.object["alipay_url"] as? String)
            let url = try #require(URLComponents(string: link))
            let biz = try #require(url.queryItems?.first { $0.name == "biz_content" }?.value)
            #expect(biz.contains("\"out_trade_no\":\"\(id)\"") && biz.contains("\"total_amount\":\"100.00\""))
        }
    }

    @Test func anAmountOutsideTheLimitsIsAFieldErrorAndWritesNothing() async throws {
        try await withAlipayApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            let small = try await client.send(.post, "/wallet/recharge/", json: ["amount": "0.50", "pay_method": 2], token: token)
            let large = try await client.send(.post, "/wallet/recharge/", json: ["amount": "50000.01", "pay_method": 2], token: token)
            let junk = try await client.send(.post, "/wallet/recharge/", json: ["amount": "abc", "pay_method": 2], token: token)
            // check
            #expect(small.status == .badRequest && small.object["amount"] as? [String] == [RechargeRules.Refusal.tooSmall.rawValue])
            #expect(large.object["amount"] as? [String] == [RechargeRules.Refusal.tooLarge.rawValue])
            #expect(junk.object["amount"] as? [String] == [RechargeRules.Refusal.notAnAmount.rawValue])
            #expect(try await Self.rechargeCount(env) == 0)
        }
    }

    @Test func cashOnDeliveryAndUnconfiguredProvidersAreRefusedAsPayMethod() async throws {
        try await withAlipayApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            let cash = try await client.send(.post, "/wallet/recharge/", json: ["amount": "10", "pay_method": 1], token: token)
            let wechat = try await client.send(.post, "/wallet/recharge/", json: ["amount": "10", "pay_method": 3], token: token)
            // check
            #expect(cash.status == .badRequest && cash.object["pay_method"] as? [String] == ["充值仅支持支付宝或微信支付"])
            #expect(wechat.status == .badRequest && wechat.object["pay_method"] as? [String] == ["该支付方式暂不可用"])
            #expect(try await Self.rechargeCount(env) == 0)
        }
    }

    @Test func anonymousCallersAreRefused() async throws {
        try await withAlipayApp { client, _ in
            // act
            let response = try await client.send(.post, "/wallet/recharge/", json: ["amount": "10", "pay_method": 2])
            // check
            #expect(response.status == .unauthorized && response.object["detail"] != nil)
        }
    }

    @Test func theNotificationCreditsTheWalletAndMarksTheRechargePaid() async throws {
        try await withAlipayApp { client, env in
            // setup
            let (user, token, id) = try await Self.alipayRecharge(client, env)
            // act
            let answer = try await client.deliverNotify(Self.notify(id))
            // check
            #expect(answer.text == "success")
            #expect(try await env.balance(.wallet, of: user.id!) == 10_000)
            let status = try await client.send(.get, "/wallet/recharges/\(id)/", token: token)
            #expect(status.object["status"] as? String == "paid" && status.object["paid_time"] is String)
            let wallet = try await client.send(.get, "/wallet/", token: token)
            let entries = try #require((wallet.object["entries"] as? [String: Any])?["results"] as? [[String: Any]])
            #expect(entries.map { $0["reason"] as? String } == ["充值"] && entries.first?["order_id"] as? String == id)
        }
    }

    @Test func repeatedNotificationsAndTheReturnCreditOnce() async throws {
        try await withAlipayApp { client, env in
            // setup
            let (user, _, id) = try await Self.alipayRecharge(client, env)
            let returned = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: id, amount: "100.00", tradeNo: Self.tradeNo))
            // act
            let first = try await client.deliverNotify(Self.notify(id))
            let again = try await client.deliverNotify(Self.notify(id))
            let back = try await client.deliverReturn(returned)
            // check
            #expect(first.text == "success" && again.text == "success")
            #expect(back.status == .ok && back.object["trade_id"] as? String == Self.tradeNo)
            #expect(try await env.balance(.wallet, of: user.id!) == 10_000)
            #expect(try await env.ledgerBalances(.wallet, of: user.id!))
        }
    }

    @Test func concurrentReportsOfOneTradeCreditOnce() async throws {
        try await withAlipayApp { client, env in
            // setup
            let (user, _, id) = try await Self.alipayRecharge(client, env)
            let returned = AlipaySimulator.signed(AlipaySimulator.returnFields(orderID: id, amount: "100.00", tradeNo: Self.tradeNo))
            // act
            let answers = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        let response = index % 2 == 0 ? try await client.deliverNotify(Self.notify(id)) : try await client.deliverReturn(returned)
                        return Int(response.status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            // check
            #expect(answers.allSatisfy { $0 == 200 })
            #expect(try await env.balance(.wallet, of: user.id!) == 10_000)
            let rows = try await env.services.sql().raw("SELECT COUNT(*) AS n FROM ledger_entries WHERE order_id = \(bind: id)").first()?
                .decode(column: "n", as: Int.self)
            #expect(rows == 1)
            #expect(try await env.ledgerBalances(.wallet, of: user.id!))
        }
    }

    @Test func aNotificationForAnotherAmountIsRefusedAndCreditsNothing() async throws {
        try await withAlipayApp { client, env in
            // setup
            let (user, _, id) = try await Self.alipayRecharge(client, env)
            // act
            let answer = try await client.deliverNotify(Self.notify(id, amount: "1000.00"))
            // check
            #expect(answer.text == "failure")
            #expect(try await env.balance(.wallet, of: user.id!) == 0)
            #expect(try await WalletRecharges(services: env.services).find(id)?.status == .unpaid)
        }
    }

    @Test func anotherUsersRechargeIsNotFound() async throws {
        try await withAlipayApp { client, env in
            // setup
            let (_, _, id) = try await Self.alipayRecharge(client, env)
            let (_, otherToken) = try await env.loggedInUser("shopper02", mobile: "13800138002")
            // act
            let response = try await client.send(.get, "/wallet/recharges/\(id)/", token: otherToken)
            // check
            #expect(response.status == .notFound)
        }
    }

    @Test func aWeChatNotificationCreditsARechargeOnce() async throws {
        try await withWeChatApp { client, env in
            // setup
            let user = try await env.createUser()
            let recharge = try await WalletRecharges(services: env.services).create(userID: user.id!, amount: 5_000, payMethod: .wechat)
            let notification = WeChatNotification.make(WeChatNotification.transaction(orderID: recharge.id, total: 5_000))
            // act
            let first = try await client.deliverWeChat(notification)
            let again = try await client.deliverWeChat(notification)
            // check
            #expect(first.status == .ok && again.status == .ok)
            #expect(try await env.balance(.wallet, of: user.id!) == 5_000)
            #expect(try await WalletRecharges(services: env.services).find(recharge.id)?.tradeID == WeChatPayNotifyTests.transactionID)
        }
    }
}
