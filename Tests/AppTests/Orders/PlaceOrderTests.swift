import FluentKit
import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

@Suite struct PlaceOrderTests {
    @Test func settlementListsSelectedLinesAndFreight() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 2)
            try await env.putInCart(shopper, skuID: 3, count: 1, selected: false)
            // act
            let body = try await client.send(.get, "/orders/settlement/", token: shopper.token).object
            // check
            let skus = body["skus"] as? [[String: Any]] ?? []
            #expect(body["freight"] as? String == "10.00")
            #expect(skus.count == 1)
            #expect(skus.first?["id"] as? Int == 1 && skus.first?["count"] as? Int == 2 && skus.first?["price"] as? String == "11388.00")
        }
    }

    @Test func placingAnOrderTakesStockWritesLinesAndEmptiesTheCart() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.setStock(1, 5)
            try await env.putInCart(shopper, skuID: 1, count: 2)
            try await env.putInCart(shopper, skuID: 3, count: 1, selected: false)
            let before = try await env.sku(1)
            // act
            let response = try await client.send(.post, "/orders/", json: ["address": "\(shopper.addressID)", "pay_method": "1"], token: shopper.token)
            // check
            let id = try #require(response.object["order_id"] as? String)
            let order = try await env.order(id)
            let after = try await env.sku(1)
            let lines = try await OrderGoods.query(on: env.services.db()).filter(\.$orderID == id).all()
            let cart = try await CartService(services: env.services).lines(.user(shopper.userID))
            #expect(response.status == .created)
            #expect(response.object["oid"] as? String == id)
            #expect(order.status == OrderStatus.unsent.rawValue)
            #expect(order.totalCount == 2)
            #expect(order.totalAmount == 2 * 11_388_00 + 10_00)
            #expect(after.stock == before.stock - 2 && after.sales == before.sales + 2)
            #expect(lines.map(\.price) == [11_388_00])
            #expect(cart.map(\.skuID) == [3])
        }
    }

    @Test func onlinePaymentOrderWaitsForPaymentWithATimeoutJob() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.setStock(1, 5)
            try await env.putInCart(shopper, skuID: 1, count: 1)
            // act
            let order = try await env.placeOrder(shopper, payMethod: .alipay)
            // check
            let jobs = try await env.services.sql().raw("SELECT kind FROM jobs WHERE unique_key = \(bind: "timeout:\(order.id!)")").all()
            #expect(order.status == OrderStatus.unpaid.rawValue)
            #expect(jobs.count == 1)
        }
    }

    @Test func insufficientStockRefusesWithAListAndWritesNothing() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.setStock(1, 5)
            try await env.setStock(3, 1)
            try await env.putInCart(shopper, skuID: 1, count: 2)
            try await env.putInCart(shopper, skuID: 3, count: 1)
            try await env.setStock(3, 0)
            // act
            let response = try await client.send(.post, "/orders/", json: ["address": shopper.addressID, "pay_method": 2], token: shopper.token)
            // check
            let messages = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String]
            #expect(response.status == .badRequest)
            #expect(messages?.first?.hasSuffix("库存不足") == true)
            #expect(try await OrderInfo.query(on: env.services.db()).count() == 0)
            #expect(try await OrderGoods.query(on: env.services.db()).count() == 0)
            #expect(try await env.sku(1).stock == 5)
            #expect(try await CartService(services: env.services).lines(.user(shopper.userID)).count == 2)
        }
    }

    @Test func anotherUsersOrDeletedAddressIsRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            let other = try await env.shopper("buyer0002", mobile: "13812340002")
            try await env.putInCart(shopper, skuID: 1, count: 1)
            try await AddressService(services: env.services).delete(userID: shopper.userID, addressID: shopper.addressID)
            // act
            let foreign = try await client.send(.post, "/orders/", json: ["address": other.addressID, "pay_method": 1], token: shopper.token)
            let deleted = try await client.send(.post, "/orders/", json: ["address": shopper.addressID, "pay_method": 1], token: shopper.token)
            // check
            #expect(foreign.status == .badRequest)
            #expect(deleted.status == .badRequest)
            #expect(try await OrderInfo.query(on: env.services.db()).count() == 0)
        }
    }

    @Test func emptySelectionBadPayMethodAndBadInputAreRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 1, selected: false)
            // act
            let empty = try await client.send(.post, "/orders/", json: ["address": shopper.addressID, "pay_method": 1], token: shopper.token)
            let method = try await client.send(.post, "/orders/", json: ["address": shopper.addressID, "pay_method": 9], token: shopper.token)
            let junk = try await client.send(.post, "/orders/", json: ["address": "abc", "pay_method": "x"], token: shopper.token)
            let anonymous = try await client.send(.post, "/orders/", json: ["address": shopper.addressID, "pay_method": 1])
            // check
            #expect(empty.status == .badRequest && empty.text.contains("没有勾选"))
            #expect(method.status == .badRequest)
            #expect(junk.status == .badRequest && junk.object["address"] != nil)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
