import Foundation
import HummingbirdTesting
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// Courses bought through the one checkout: no address or freight for courses alone, enrolment granted by the
/// payment (or at checkout when nothing is left to pay), renewals stacking, refunds taking back what was granted.
@Suite struct CourseOrderTests {
    @Test func anOrderOfCoursesAloneNeedsNoAddressAndNoFreight() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (_, token) = try await env.loggedInUser()
            try await client.send(.post, "/cart/courses/", json: ["course_id": shop.python, "expire_id": try await env.pythonOption(days: 90)], token: token)
            // act
            let placed = try await client.send(.post, "/orders/", json: ["pay_method": 2], token: token)
            // check
            #expect(placed.status == .created)
            let order = try await client.send(.get, "/orders/\(placed.object["order_id"] as! String)/", token: token)
            #expect(order.object["freight"] as? String == "0.00" && order.object["total_amount"] as? String == "249.00")
            #expect(order.object["status"] as? Int == OrderStatus.unpaid.rawValue && (order.object["skus"] as? [Any])?.isEmpty == true)
            let line = try #require((order.object["courses"] as? [[String: Any]])?.first)
            #expect(line["course_id"] as? Int == shop.python && line["expire_text"] as? String == "3个月有效" && line["real_price"] as? String == "249.00")
            #expect(try await env.order(placed.object["order_id"] as! String).addressID == nil)
            #expect(try await client.send(.get, "/cart/courses/", token: token).object["count"] as? Int == 0)
        }
    }

    @Test func aMixedOrderShipsTheGoodsAndChargesFreightOnce() async throws {
        try await withApp { client, env in
            // setup: SKU 1 at ¥100 and the Vue course (¥100 today) both selected
            let shopper = try await env.shopperWithSKU1(at: 100_00)
            let shop = try await env.courseShop()
            try await client.send(.post, "/cart/courses/", json: ["course_id": shop.vue], token: shopper.token)
            // act
            let placed = try await client.send(.post, "/orders/", json: ["pay_method": 2, "address": shopper.addressID], token: shopper.token)
            // check
            #expect(placed.status == .created)
            let order = try await env.order(placed.object["order_id"] as! String)
            #expect(order.totalAmount == 100_00 + 100_00 + env.services.config.freightCents && order.freight == env.services.config.freightCents)
            #expect(order.addressID == shopper.addressID && order.totalCount == 2)
        }
    }

    @Test func goodsWithoutAnAddressAreRefused() async throws {
        try await withApp { client, env in
            // setup
            let shopper = try await env.shopperWithSKU1(at: 100_00)
            // act
            let placed = try await client.send(.post, "/orders/", json: ["pay_method": 2], token: shopper.token)
            // check
            #expect(placed.status == .badRequest && placed.object["address"] as? [String] == ["该字段是必填项。"])
            #expect(try await env.sku(1).stock == 10)
        }
    }

    @Test func aCourseCannotBePaidOnDelivery() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (_, token) = try await env.loggedInUser()
            try await client.send(.post, "/cart/courses/", json: ["course_id": shop.vue], token: token)
            // act
            let placed = try await client.send(.post, "/orders/", json: ["pay_method": 1], token: token)
            // check
            #expect(placed.status == .badRequest && placed.object["pay_method"] as? [String] == ["课程不支持货到付款"])
            #expect(try await client.send(.get, "/cart/courses/", token: token).object["count"] as? Int == 1)
        }
    }

    @Test func paymentEnrolsUntilNowPlusTheOptionsDays() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: a 90-day order placed, paid a day later
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            let orderID = try await env.orderCourse(shop.python, days: 90, token: token, client: client)
            clock.advance(by: 86_400)
            // act
            let outcome = try await env.pay(orderID)
            // check: complete (nothing to ship), and in for 90 days from the payment
            #expect(outcome == .paid)
            #expect(try await env.order(orderID).status == OrderStatus.finished.rawValue)
            let enrolment = try #require(try await Enrolments(services: env.services).enrolment(userID: user.id!, courseID: shop.python))
            #expect(enrolment.end == clock.now.addingTimeInterval(90 * 86_400) && enrolment.source == Enrolments.Source.alipay.rawValue)
            let lesson = try await client.send(.get, "/courses/\(shop.python)/lessons/\(shop.lessons[1])/", token: try await env.token(for: user))
            #expect(lesson.status == .ok)
        }
    }

    @Test func aSecondPurchaseBeforeTheEndExtendsIt() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: 30 days bought and paid, then ten days later 90 more
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            try await env.pay(try await env.orderCourse(shop.python, days: 30, token: token, client: client))
            let start = clock.now
            clock.advance(by: 10 * 86_400)
            let second = try await env.orderCourse(shop.python, days: 90, token: try await env.token(for: user), client: client)
            // act
            try await env.pay(second)
            // check
            let enrolment = try await Enrolments(services: env.services).enrolment(userID: user.id!, courseID: shop.python)
            #expect(enrolment?.end == start.addingTimeInterval(120 * 86_400))
        }
    }

    @Test func aCoursesCouponAndTheBalancePayingAllEnrolAtCheckout() async throws {
        try await withApp { client, env in
            // setup: a ¥50-off coupon for courses and ¥300 in the wallet, 90 days (¥249) in the cart
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            let template = try await Promotions(services: env.services).createTemplate(.init(name: "课程立减50", sale: "-50", thresholdYuan: 0,
                                                                                            timerDays: 30, scope: "courses"))
            let coupon = try await Promotions(services: env.services).grant(couponID: template.id, userID: user.id!).id
            try await env.give(.wallet, 300_00, to: user.id!)
            try await client.send(.post, "/cart/courses/", json: ["course_id": shop.python, "expire_id": try await env.pythonOption(days: 90)], token: token)
            // act
            let placed = try await client.send(.post, "/orders/", json: ["pay_method": 2, "coupon": coupon, "use_balance": true], token: token)
            // check: ¥199 from the wallet, nothing left to pay, already enrolled
            #expect(placed.status == .created)
            let order = try await env.order(placed.object["order_id"] as! String)
            #expect(order.discount == 50_00 && order.balanceAmount == 199_00 && order.payAmount == 0)
            #expect(order.status == OrderStatus.finished.rawValue)
            #expect(try await env.balance(.wallet, of: user.id!) == 101_00)
            #expect(try await env.ledgerBalances(.wallet, of: user.id!))
            let enrolment = try await Enrolments(services: env.services).enrolment(userID: user.id!, courseID: shop.python)
            #expect(enrolment?.hasAccess(at: env.services.clock.now()) == true && enrolment?.source == Enrolments.Source.balance.rawValue)
        }
    }

    @Test func aRefundTakesBackWhatTheOrderGranted() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: 30 days paid, then 90 more paid; the second order is refunded
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            try await env.pay(try await env.orderCourse(shop.python, days: 30, token: token, client: client))
            let start = clock.now
            let second = try await env.orderCourse(shop.python, days: 90, token: token, client: client)
            try await env.pay(second)
            // act
            try await env.services.planExecutor.execute(try await OrderLifecycle(services: env.services).cancelPaidSteps(orderID: second))
            // check: back to the first purchase's 30 days, the order cancelled
            let enrolment = try await Enrolments(services: env.services).enrolment(userID: user.id!, courseID: shop.python)
            #expect(enrolment?.end == start.addingTimeInterval(30 * 86_400))
            #expect(try await env.order(second).status == OrderStatus.cancelled.rawValue)
        }
    }

    @Test func aRefundedOnlyPurchaseLeavesNoAccess() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            let orderID = try await env.orderCourse(shop.python, days: 0, token: token, client: client)
            try await env.pay(orderID)
            // act
            try await env.services.planExecutor.execute(try await OrderLifecycle(services: env.services).cancelPaidSteps(orderID: orderID))
            // check
            let lesson = try await client.send(.get, "/courses/\(shop.python)/lessons/\(shop.lessons[1])/", token: token)
            #expect(lesson.status == .forbidden)
            #expect(try await Enrolments(services: env.services).enrolment(userID: user.id!, courseID: shop.python)?.hasAccess(at: env.services.clock.now()) == false)
        }
    }

    @Test(.heavy) func twoOrdersPaidAtOnceBothCount() async throws {
        try await withApp { client, env in
            // setup: two 30-day orders of the same course, unpaid
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            let first = try await env.orderCourse(shop.python, days: 30, token: token, client: client)
            let second = try await env.orderCourse(shop.python, days: 30, token: token, client: client)
            let now = env.services.clock.now()
            // act: both payments recorded at the same moment
            async let a = env.pay(first, trade: "T1")
            async let b = env.pay(second, trade: "T2")
            let outcomes = try await [a, b]
            // check: 60 days, two grants, one student more
            #expect(outcomes == [.paid, .paid])
            let enrolment = try #require(try await Enrolments(services: env.services).enrolment(userID: user.id!, courseID: shop.python))
            let end = try #require(enrolment.end)
            #expect(abs(end.timeIntervalSince(now) - 60 * 86_400) < 60)
            let grants = try await env.services.sql().raw("SELECT COUNT(*) AS n FROM course_grants WHERE user_id = \(bind: user.id!)").first()!
            #expect(try grants.decode(column: "n", as: Int.self) == 2)
        }
    }
}

extension TestEnvironment {
    /// Puts `days` of a course in the course cart (0: permanent) and places an Alipay order of it; the order id.
    func orderCourse(_ courseID: Int, days: Int, token: String, client: any TestClientProtocol) async throws -> String {
        try await client.send(.post, "/cart/courses/", json: ["course_id": courseID, "expire_id": try await pythonOption(days: days)], token: token)
        let placed = try await client.send(.post, "/orders/", json: ["pay_method": 2], token: token)
        guard let id = placed.object["order_id"] as? String else { throw CourseOrderRefused(answer: placed.text) }
        return id
    }

    /// Records an Alipay trade for the order's amount, as a verified notification would.
    @discardableResult
    func pay(_ orderID: String, trade: String? = nil) async throws -> RecordOutcome {
        let trade = trade ?? "2024" + orderID.suffix(24)
        let order = try await self.order(orderID)
        return try await PaymentRecorder(services: services).record(VerifiedTrade(number: orderID, tradeID: trade, amountCents: order.payAmount,
                                                                                  provider: "alipay"))
    }
}

struct CourseOrderRefused: Error {
    let answer: String
}

/// An unpaid course order that is cancelled gives back what it took and grants nothing.
@Suite struct CourseOrderCancelTests {
    @Test func cancellingAnUnpaidCourseOrderGivesTheCouponBack() async throws {
        try await withApp { client, env in
            // setup: a course order placed with a coupon, unpaid
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            let coupon = try await env.grantCoupon(to: user.id!, sale: "-20", name: "立减20")
            try await client.send(.post, "/cart/courses/", json: ["course_id": shop.vue], token: token)
            let placed = try await client.send(.post, "/orders/", json: ["pay_method": 2, "coupon": coupon], token: token)
            let orderID = try #require(placed.object["order_id"] as? String)
            // act
            let cancelled = try await client.send(.put, "/orders/\(orderID)/cancel/", token: token)
            // check
            #expect(cancelled.status == .ok)
            #expect(try await env.order(orderID).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.couponStatus(coupon) == CouponRules.Status.unused.rawValue)
            #expect(try await Enrolments(services: env.services).enrolment(userID: user.id!, courseID: shop.vue) == nil)
        }
    }
}
