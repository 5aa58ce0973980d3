import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// What the storefront's order tabs and checkout read: orders by status, the pay methods on offer, the features.
@Suite struct OrderListFilterTests {
    @Test func ordersCanBeListedByStatus() async throws {
        try await withApp { client, env in
            // setup: one unpaid Alipay order and one cash-on-delivery order (waiting for shipment)
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 1)
            let unpaid = try await env.placeOrder(shopper, payMethod: .alipay)
            try await env.putInCart(shopper, skuID: 3, count: 1)
            let unsent = try await env.placeOrder(shopper, payMethod: .cashOnDelivery)
            // act
            let waitingForPayment = try await client.send(.get, "/orders/?status=1", token: shopper.token)
            let waitingForShipment = try await client.send(.get, "/orders/?status=2", token: shopper.token)
            let all = try await client.send(.get, "/orders/", token: shopper.token)
            // check
            func ids(_ response: TestResponse) -> [String] { (response.object["results"] as? [[String: Any]] ?? []).compactMap { $0["order_id"] as? String } }
            #expect(ids(waitingForPayment) == [unpaid.id!])
            #expect(ids(waitingForShipment) == [unsent.id!])
            #expect(Set(ids(all)) == [unpaid.id!, unsent.id!])
        }
    }

    @Test func anUnknownStatusIsAFieldError() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            let response = try await client.send(.get, "/orders/?status=9", token: token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.fieldErrors("status")?.count == 1)
        }
    }

    @Test func settlementOffersOnlyConfiguredPayMethods() async throws {
        try await withApp { client, env in
            // setup: no Alipay or WeChat Pay configured in tests
            let (_, token) = try await env.loggedInUser()
            // act
            let response = try await client.send(.get, "/orders/settlement/", token: token)
            // check
            #expect(response.object["pay_methods"] as? [Int] == [1])
        }
    }

    @Test func settlementOffersAlipayOnceConfigured() async throws {
        try await withApp({ $0.alipay = AlipayTestKeys.config() }) { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            let response = try await client.send(.get, "/orders/settlement/", token: token)
            // check
            #expect(response.object["pay_methods"] as? [Int] == [1, 2])
        }
    }

    @Test func featuresSayWhichThirdPartiesAreConfigured() async throws {
        try await withApp({ $0.qq = FakeQQServer.config(apiPort: 9) }) { client, _ in
            // act
            let response = try await client.send(.get, "/features/")
            // check
            #expect(response.object["qq_login"] as? Bool == true)
            #expect(response.object["alipay"] as? Bool == false)
            #expect(response.object["wechat_pay"] as? Bool == false)
        }
    }
}
