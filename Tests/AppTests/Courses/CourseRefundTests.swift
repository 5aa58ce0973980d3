import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// The staff refund (`PUT /orders/<id>/refund/`, `alipay.trade.refund` on the fake gateway) of a paid course order:
/// the money goes back once and so does the access the order granted.
@Suite(.heavy, .timeLimit(.minutes(10))) struct CourseRefundTests {
    @Test func refundingAPaidCourseOrderTakesTheCourseBack() async throws {
        let fake = try await FakeAlipayGateway.start()
        defer { fake.stop() }
        try await withAlipayApp(gateway: fake.url) { client, env in
            // setup: a 3-month course order, paid through Alipay's notification
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            let orderID = try await env.orderCourse(shop.python, days: 90, token: token, client: client)
            let paying = AlipayOrder(shopper: Shopper(userID: user.id!, token: token, addressID: 0), order: try await env.order(orderID))
            try fake.setTrades(PaymentReconciliationTests.paid(paying).mapValues { $0.merging(["trade_no": PaymentRefundTests.tradeNo]) { $1 } })
            let notified = try await client.deliverNotify(PaymentRefundTests.notification(paying))
            let before = try await client.send(.get, "/courses/\(shop.python)/lessons/\(shop.lessons[1])/", token: token)
            // act
            let refund = try await client.send(.put, "/orders/\(orderID)/refund/", token: try await env.staffToken())
            // check
            #expect(notified.text == "success" && before.status == .ok)
            #expect(refund.status == .ok && refund.object["status"] as? String == "refunded")
            #expect(try await env.order(orderID).status == OrderStatus.cancelled.rawValue)
            let after = try await client.send(.get, "/courses/\(shop.python)/lessons/\(shop.lessons[1])/", token: token)
            #expect(after.status == .forbidden)
        }
    }
}
