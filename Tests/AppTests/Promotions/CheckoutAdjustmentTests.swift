import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// Coupons, credits and the balance at checkout: priced once, spent in the order's plan, given back exactly once.
@Suite struct CheckoutAdjustmentTests {
    static func order(_ client: any TestClientProtocol, _ shopper: Shopper, _ extra: [String: Any] = [:], payMethod: Int = 2) async throws -> TestResponse {
        var body: [String: Any] = ["address": shopper.addressID, "pay_method": payMethod]
        for (key, value) in extra { body[key] = value }
        return try await client.send(.post, "/orders/", json: body, token: shopper.token)
    }

    @Test func anAmountOffOverThreeEqualLinesIsRecordedPerLineAndSumsExactly() async throws {
        try await withApp { client, env in
            // setup: three SKUs at ¥5.00 in the cart, a ¥10 coupon
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            for sku in 1...3 {
                try await env.setStock(sku, 10)
                try await env.setPrice(sku, 5_00)
                try await env.putInCart(shopper, skuID: sku, count: 1)
            }
            let coupon = try await env.grantCoupon(to: shopper.userID, sale: "-10", name: "立减10元")
            // act
            let placed = try await Self.order(client, shopper, ["coupon": coupon])
            let orderID = try #require(placed.object["order_id"] as? String)
            let detail = try await client.send(.get, "/orders/\(orderID)/", token: shopper.token)
            // check
            let lines = try #require(detail.object["skus"] as? [[String: Any]])
            #expect(lines.compactMap { $0["real_price"] as? String } == ["1.66", "1.67", "1.67"])
            #expect(lines.allSatisfy { $0["discount_name"] as? String == "立减10元" })
            #expect(detail.object["discount"] as? String == "10.00")
            #expect(detail.object["pay_amount"] as? String == "15.00")
            #expect(try await env.couponStatus(coupon) == CouponRules.Status.used.rawValue)
        }
    }

    @Test func aCouponBelowItsThresholdIsRefusedAsAField() async throws {
        try await withApp { client, env in
            // setup: ¥11388 of goods, a coupon for orders of ¥20000 and more
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.setStock(1, 10)
            try await env.putInCart(shopper, skuID: 1, count: 1)
            let coupon = try await env.grantCoupon(to: shopper.userID, thresholdYuan: 20_000)
            // act
            let placed = try await Self.order(client, shopper, ["coupon": coupon])
            // check
            #expect(placed.status == .badRequest)
            #expect(placed.fieldErrors("coupon") == [CouponRules.Refusal.belowThreshold.rawValue])
            #expect(try await env.orderCount() == 0)
        }
    }

    @Test(.heavy) func oneCouponInTwentyConcurrentOrdersIsUsedByExactlyOne() async throws {
        try await withApp { client, env in
            // setup: one shopper, one coupon, twenty orders at once (each from a fresh cart line of its own)
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.setStock(1, 1_000)
            let coupon = try await env.grantCoupon(to: shopper.userID)
            try await env.putInCart(shopper, skuID: 1, count: 1)
            // act
            let statuses = await withTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 {
                    group.addTask { (try? await Self.order(client, shopper, ["coupon": coupon]).status) ?? .internalServerError }
                }
                return await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // check: one order; the others refused with nothing written (the stock moved once)
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .badRequest }.count == 19)
            #expect(try await env.orderCount() == 1)
            #expect(try await env.sku(1).stock == 999)
            #expect(try await env.services.sql().raw("SELECT COUNT(*) AS n FROM user_coupons WHERE status = 2").first()!.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test(.heavy) func twentyConcurrentOrdersEachSpendingTheWholeBalanceSpendItOnce() async throws {
        try await withApp { client, env in
            // setup: exactly one SKU's price (+ freight) in the wallet
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.setStock(1, 1_000)
            try await env.setPrice(1, 90_00)
            try await env.putInCart(shopper, skuID: 1, count: 1)
            try await env.give(.wallet, 100_00, to: shopper.userID)
            // act
            let statuses = await withTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 {
                    group.addTask { (try? await Self.order(client, shopper, ["use_balance": true]).status) ?? .internalServerError }
                }
                return await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // check: exactly one order spent the balance; an order priced after it was gone has the whole amount left to
            // pay online, and one priced before it was gone but written after was refused (nothing written)
            let spent = try await env.services.sql().raw("SELECT balance_amount FROM order_info WHERE balance_amount > 0").all()
                .map { try $0.decode(column: "balance_amount", as: Int64.self) }
            #expect(spent == [100_00])
            #expect(statuses.allSatisfy { $0 == .created || $0 == .badRequest })
            #expect(try await env.orderCount() == statuses.filter { $0 == .created }.count)
            #expect(try await env.balance(.wallet, of: shopper.userID) == 0)
            #expect(try await env.ledgerBalances(.wallet, of: shopper.userID))
        }
    }

    @Test func anOrderWithNothingLeftToPayIsPaidAtOnce() async throws {
        try await withApp { client, env in
            // setup
            let shopper = try await env.shopperWithSKU1(at: 50_00)
            try await env.give(.wallet, 100_00, to: shopper.userID)
            // act
            let placed = try await Self.order(client, shopper, ["use_balance": true])
            let order = try await env.order(try #require(placed.object["order_id"] as? String))
            // check: ¥60.00 (with freight) from the wallet, nothing left to pay, waiting for shipment
            #expect(order.payAmount == 0)
            #expect(order.balanceAmount == 60_00)
            #expect(order.status == OrderStatus.unsent.rawValue)
            #expect(try await env.balance(.wallet, of: shopper.userID) == 40_00)
        }
    }

    @Test func creditsBeyondTheShareAreRefused() async throws {
        try await withApp { client, env in
            // setup: ¥10.00 of goods allow ¥5.00 of credits (50 credits at 10 a yuan)
            let shopper = try await env.shopperWithSKU1(at: 10_00)
            try await env.give(.credits, 1_000, to: shopper.userID)
            // act
            let tooMany = try await Self.order(client, shopper, ["credit": 51])
            let allowed = try await Self.order(client, shopper, ["credit": 50])
            // check
            #expect(tooMany.fieldErrors("credit") == ["本单最多可使用50积分"])
            let order = try await env.order(try #require(allowed.object["order_id"] as? String))
            #expect(order.creditAmount == 5_00)
            #expect(order.payAmount == 15_00)
            #expect(try await env.balance(.credits, of: shopper.userID) == 950)
        }
    }

    @Test(.heavy) func cancelRacingTheTimeoutGivesCouponCreditsAndBalanceBackOnce() async throws {
        try await withApp { client, env in
            // setup: an order using a coupon, credits and the balance
            let shopper = try await env.shopperWithSKU1(at: 100_00)
            let coupon = try await env.grantCoupon(to: shopper.userID)
            try await env.give(.credits, 200, to: shopper.userID)
            try await env.give(.wallet, 30_00, to: shopper.userID)
            let placed = try await Self.order(client, shopper, ["coupon": coupon, "credit": 100, "use_balance": true])
            let orderID = try #require(placed.object["order_id"] as? String)
            // act: the user's cancel and the timeout at once
            let lifecycle = OrderLifecycle(services: env.services)
            async let byUser = try? lifecycle.cancel(orderID: orderID, userID: shopper.userID)
            async let byTimeout = try? lifecycle.cancel(orderID: orderID)
            let outcomes = await [byUser, byTimeout]
            // check: one of them cancelled; everything came back once
            #expect(outcomes.filter { $0 == true }.count == 1)
            #expect(try await env.couponStatus(coupon) == CouponRules.Status.unused.rawValue)
            #expect(try await env.balance(.credits, of: shopper.userID) == 200)
            #expect(try await env.balance(.wallet, of: shopper.userID) == 30_00)
            #expect(try await env.sku(1).stock == 10)
            #expect(try await env.ledgerBalances(.credits, of: shopper.userID))
            #expect(try await env.ledgerBalances(.wallet, of: shopper.userID))
        }
    }

    @Test func settlementPreselectsTheCouponThatSavesMostAndExplainsTheOthers() async throws {
        try await withApp { client, env in
            // setup: ¥100 of goods; a ¥10 coupon, an 八折 coupon (¥20 off) and one for orders of ¥1000+
            let shopper = try await env.shopperWithSKU1(at: 100_00)
            _ = try await env.grantCoupon(to: shopper.userID, sale: "-10", name: "减10")
            let best = try await env.grantCoupon(to: shopper.userID, sale: "*0.8", name: "八折")
            _ = try await env.grantCoupon(to: shopper.userID, sale: "-100", name: "满1000减100", thresholdYuan: 1_000)
            // act
            let auto = try await client.send(.get, "/orders/settlement/", token: shopper.token)
            let chosen = try await client.send(.get, "/orders/settlement/?coupon=\(best)&use_balance=0", token: shopper.token)
            // check
            let priced = try #require(auto.object["priced"] as? [String: Any])
            #expect(priced["coupon"] as? Int == best)
            #expect(priced["discount"] as? String == "20.00")
            #expect(priced["pay_amount"] as? String == "90.00")
            let coupons = try #require(auto.object["coupons"] as? [[String: Any]])
            #expect(coupons.first { $0["name"] as? String == "满1000减100" }?["reason"] as? String == CouponRules.Refusal.belowThreshold.rawValue)
            #expect((chosen.object["priced"] as? [String: Any])?["pay_amount"] as? String == "90.00")
        }
    }

    @Test func paymentEarnsCreditsAndTheAlipayURLChargesWhatIsLeft() async throws {
        try await withAlipayApp { client, env in
            // setup: a ¥10 coupon on a ¥100 order
            let shopper = try await env.shopperWithSKU1(at: 100_00)
            let coupon = try await env.grantCoupon(to: shopper.userID)
            let placed = try await Self.order(client, shopper, ["coupon": coupon])
            let orderID = try #require(placed.object["order_id"] as? String)
            // act
            let url = try await client.send(.get, "/orders/\(orderID)/payment/", token: shopper.token)
            let params = try PaymentURLTests.parameters(try #require(url.object["alipay_url"] as? String))
            let notified = try await client.sendForm(.post, "/payment/alipay/notify/", form: AlipaySimulator.encoded(AlipaySimulator.signed(
                AlipaySimulator.notifyFields(orderID: orderID, amount: "100.00", tradeNo: "2026113022001400001000000777"))))
            // check: ¥100 − ¥10 + ¥10 freight is charged; paying it earns 100 credits
            #expect(params["biz_content"]?.contains("\"total_amount\":\"100.00\"") == true)
            #expect(notified.text == "success")
            #expect(try await env.balance(.credits, of: shopper.userID) == 100)
        }
    }
}
