import FluentKit
import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

@Suite struct CommentTests {
    /// A received order of SKUs 1 and 3, ready for reviews.
    func receivedOrder(_ env: TestEnvironment) async throws -> (Shopper, OrderInfo) {
        try await env.loadMeiduoSample()
        let shopper = try await env.shopper()
        try await env.setStock(1, 5)
        try await env.setStock(3, 5)
        try await env.putInCart(shopper, skuID: 1, count: 1)
        try await env.putInCart(shopper, skuID: 3, count: 1)
        let order = try await env.placeOrder(shopper, payMethod: .cashOnDelivery)
        try await OrderLifecycle(services: env.services).ship(orderID: order.id!)
        try await OrderLifecycle(services: env.services).confirmReceipt(orderID: order.id!, userID: shopper.userID)
        return (shopper, order)
    }

    @Test func reviewingEveryLineFinishesTheOrderAndCountsComments() async throws {
        try await withApp { client, env in
            // setup
            let (shopper, order) = try await receivedOrder(env)
            let before = try await env.sku(1).comments
            // act
            let open = try await client.send(.get, "/orders/\(order.id!)/uncommentgoods/", token: shopper.token).array
            let first = try await client.send(.post, "/orders/\(order.id!)/comments/", json: ["sku": 1, "comment": "非常好用，推荐购买", "score": 5, "is_anonymous": true], token: shopper.token)
            let twice = try await client.send(.post, "/orders/\(order.id!)/comments/", json: ["sku": 1, "comment": "再评一次试试看", "score": 4], token: shopper.token)
            let statusMid = try await env.order(order.id!).status
            let last = try await client.send(.post, "/orders/\(order.id!)/comments/", json: ["sku": "3", "comment": "物流很快包装完好", "score": "4", "is_anonymous": "false"], token: shopper.token)
            let reviews = try await client.send(.get, "/skus/1/comments/").array
            // check
            #expect(open.count == 2)
            #expect(first.status == .created)
            #expect(twice.status == .badRequest)
            #expect(statusMid == OrderStatus.uncommented.rawValue)
            #expect(last.status == .created)
            #expect(try await env.order(order.id!).status == OrderStatus.finished.rawValue)
            #expect(try await env.sku(1).comments == before + 1)
            #expect(reviews.first?["username"] as? String == "b***1")
            #expect(reviews.first?["score"] as? Int == 5)
        }
    }

    @Test func ordersNotYetReceivedCannotBeReviewed() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.setStock(1, 5)
            try await env.putInCart(shopper, skuID: 1, count: 1)
            let order = try await env.placeOrder(shopper, payMethod: .alipay)
            // act
            let response = try await client.send(.post, "/orders/\(order.id!)/comments/", json: ["sku": 1, "comment": "还没收到货呢", "score": 1], token: shopper.token)
            // check
            #expect(response.status == .badRequest)
        }
    }

    @Test func anotherUsersOrderCannotBeReviewed() async throws {
        try await withApp { client, env in
            // setup
            let (_, order) = try await receivedOrder(env)
            let other = try await env.shopper("buyer0002", mobile: "13812340002")
            // act
            let response = try await client.send(.post, "/orders/\(order.id!)/comments/", json: ["sku": 1, "comment": "不是我的订单", "score": 1], token: other.token)
            // check
            #expect(response.status == .notFound)
        }
    }

    @Test func scoreAndLengthAreValidated() async throws {
        try await withApp { client, env in
            // setup
            let (shopper, order) = try await receivedOrder(env)
            // act
            let response = try await client.send(.post, "/orders/\(order.id!)/comments/", json: ["sku": 1, "comment": "短", "score": 9], token: shopper.token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["comment"] != nil && response.object["score"] != nil)
        }
    }
}
