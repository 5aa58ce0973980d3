import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// A coupon scoped to a category (any level) counts only the products under it: for its threshold, its discount and
/// the lines that carry the discount. Sample catalog: SKU 1 is a MacBook (categories 4 › 45 › 157), SKU 3 an iPhone
/// (1 › 38 › 115).
@Suite struct CouponScopeTests {
    /// A shopper with a ¥100.00 laptop and two ¥25.00 phones selected.
    static func mixedCart(_ env: TestEnvironment) async throws -> Shopper {
        try await env.loadMeiduoSample()
        let shopper = try await env.shopper()
        try await env.setStock(1, 10)
        try await env.setStock(3, 10)
        try await env.setPrice(1, 100_00)
        try await env.setPrice(3, 25_00)
        try await env.putInCart(shopper, skuID: 1, count: 1)
        try await env.putInCart(shopper, skuID: 3, count: 2)
        return shopper
    }

    @Test func aPhoneCouponDiscountsOnlyThePhoneLine() async throws {
        try await withApp { client, env in
            // setup: 八折 on phones (the top-level category 1 covers them)
            let shopper = try await Self.mixedCart(env)
            let coupon = try await env.grantCoupon(to: shopper.userID, sale: "*0.8", name: "手机八折", categoryID: 1)
            // act
            let placed = try await CheckoutAdjustmentTests.order(client, shopper, ["coupon": coupon])
            let orderID = try #require(placed.object["order_id"] as? String, "\(placed.text)")
            let detail = try await client.send(.get, "/orders/\(orderID)/", token: shopper.token)
            // check
            #expect(detail.object["discount"] as? String == "10.00")
            let lines = try #require(detail.object["skus"] as? [[String: Any]])
            let bySKU = Dictionary(uniqueKeysWithValues: lines.map { (($0["sku"] as? [String: Any])?["id"] as? Int ?? 0, $0) })
            #expect(bySKU[1]?["discount_name"] as? String == "原价购买" && bySKU[1]?["real_price"] as? String == "100.00")
            #expect(bySKU[3]?["discount_name"] as? String == "手机八折" && bySKU[3]?["real_price"] as? String == "40.00")
        }
    }

    @Test func theThresholdCountsOnlyTheCoveredProducts() async throws {
        try await withApp { client, env in
            // setup: ¥150 in the cart but only ¥50 of phones; the coupon needs ¥60 of phones
            let shopper = try await Self.mixedCart(env)
            let coupon = try await env.grantCoupon(to: shopper.userID, sale: "-10", name: "手机满60减10", thresholdYuan: 60, categoryID: 115)
            // act
            let settlement = try await client.send(.get, "/orders/settlement/", token: shopper.token)
            let placed = try await CheckoutAdjustmentTests.order(client, shopper, ["coupon": coupon])
            // check
            let offered = try #require((settlement.object["coupons"] as? [[String: Any]])?.first { $0["id"] as? Int == coupon })
            #expect(offered["usable"] as? Bool == false && offered["reason"] as? String == CouponRules.Refusal.belowThreshold.rawValue)
            #expect(placed.fieldErrors("coupon") == [CouponRules.Refusal.belowThreshold.rawValue])
            #expect(try await env.orderCount() == 0)
        }
    }

    @Test func aCouponForAnotherCategoryIsOutOfScope() async throws {
        try await withApp { client, env in
            // setup: a coupon for category 2 (nothing of it in the cart)
            let shopper = try await Self.mixedCart(env)
            let coupon = try await env.grantCoupon(to: shopper.userID, categoryID: 2)
            // act
            let settlement = try await client.send(.get, "/orders/settlement/", token: shopper.token)
            // check
            let offered = try #require((settlement.object["coupons"] as? [[String: Any]])?.first { $0["id"] as? Int == coupon })
            #expect(offered["usable"] as? Bool == false && offered["reason"] as? String == CouponRules.Refusal.outOfScope.rawValue)
        }
    }

    @Test func staffMustNameAnExistingCategoryForACategoryCoupon() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let (_, staffToken) = try await WalletLedgerTests.staff(env)
            let body: [String: Any] = ["name": "手机券", "sale": "-5", "scope": "category"]
            // act
            let missing = try await client.send(.post, "/staff/coupons/", json: body, token: staffToken)
            let unknown = try await client.send(.post, "/staff/coupons/", json: body.merging(["scope_id": 999_999]) { $1 }, token: staffToken)
            let known = try await client.send(.post, "/staff/coupons/", json: body.merging(["scope_id": 115]) { $1 }, token: staffToken)
            // check
            #expect(missing.status == .badRequest && missing.fieldErrors("scope_id") == ["按类别使用的优惠券需指定类别"])
            #expect(unknown.status == .badRequest && unknown.fieldErrors("scope_id") == ["类别不存在"])
            #expect(known.status == .created && known.object["scope"] as? String == "category" && known.object["scope_id"] as? Int == 115)
        }
    }
}
