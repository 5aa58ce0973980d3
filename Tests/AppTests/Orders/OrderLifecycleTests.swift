import FluentKit
import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

@Suite struct OrderLifecycleTests {
    /// A shopper with one unpaid Alipay order of SKU 1 ×2 (stock 5 before).
    func unpaidOrder(_ env: TestEnvironment) async throws -> (Shopper, OrderInfo) {
        try await env.loadMeiduoSample()
        let shopper = try await env.shopper()
        try await env.setStock(1, 5)
        try await env.putInCart(shopper, skuID: 1, count: 2)
        return (shopper, try await env.placeOrder(shopper, payMethod: .alipay))
    }

    @Test func cancellingRestoresStockOnceAndRefusesTwice() async throws {
        try await withApp { client, env in
            // setup
            let (shopper, order) = try await unpaidOrder(env)
            // act
            let first = try await client.send(.put, "/orders/\(order.id!)/cancel/", token: shopper.token)
            let second = try await client.send(.put, "/orders/\(order.id!)/cancel/", token: shopper.token)
            // check
            #expect(first.status == .ok)
            #expect(second.status == .badRequest)
            #expect(try await env.order(order.id!).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.sku(1).stock == 5)
        }
    }

    @Test func timeoutJobCancelsAnUnpaidOrder() async throws {
        try await withServices { env in
            // setup
            let (_, order) = try await unpaidOrder(env)
            try await env.services.sql().raw("UPDATE jobs SET run_at = 0 WHERE unique_key = \(bind: "timeout:\(order.id!)")").run()
            // act
            await env.runJobs()
            // check
            #expect(try await env.order(order.id!).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.sku(1).stock == 5)
        }
    }

    @Test func timeoutLeavesAPaidOrderAlone() async throws {
        try await withServices { env in
            // setup
            let (_, order) = try await unpaidOrder(env)
            _ = try await OrderLifecycle(services: env.services).markPaid(orderID: order.id!)
            try await env.services.sql().raw("UPDATE jobs SET run_at = 0").run()
            // act
            await env.runJobs()
            // check
            #expect(try await env.order(order.id!).status == OrderStatus.unsent.rawValue)
            #expect(try await env.sku(1).stock == 3)
        }
    }

    @Test(.heavy) func timeoutRacingAUserCancelRestoresStockExactlyOnce() async throws {
        try await withServices { env in
            // setup
            let (shopper, order) = try await unpaidOrder(env)
            let lifecycle = OrderLifecycle(services: env.services)
            // act: the job and the user cancel at the same moment, several times over
            let results = await withTaskGroup(of: Bool.self) { group in
                for i in 0..<6 {
                    group.addTask {
                        (try? await (i % 2 == 0 ? lifecycle.cancel(orderID: order.id!) : lifecycle.cancel(orderID: order.id!, userID: shopper.userID))) ?? false
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            // check
            #expect(results.filter { $0 }.count == 1)
            #expect(try await env.sku(1).stock == 5)
            #expect(try await env.sku(1).sales == (try await SKU.find(1, on: env.services.db())!.sales))
        }
    }

    @Test func cashOnDeliveryOrderCannotBeCancelledByTheUser() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.setStock(1, 5)
            try await env.putInCart(shopper, skuID: 1, count: 1)
            let order = try await env.placeOrder(shopper, payMethod: .cashOnDelivery)
            // act
            let response = try await client.send(.put, "/orders/\(order.id!)/cancel/", token: shopper.token)
            // check
            #expect(response.status == .badRequest)
            #expect(try await env.sku(1).stock == 4)
        }
    }

    @Test func staffShipAndBuyerConfirmsReceipt() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.setStock(1, 5)
            try await env.putInCart(shopper, skuID: 1, count: 1)
            let order = try await env.placeOrder(shopper, payMethod: .cashOnDelivery)
            let staff = try await env.createUser("staff0001", mobile: "13899990000")
            try await AccountService(services: env.services).setStaff(userID: staff.id!, true)
            let staffToken = try await env.token(for: staff)
            // act
            let receiptTooEarly = try await client.send(.put, "/orders/\(order.id!)/receipt/", token: shopper.token)
            let shipByBuyer = try await client.send(.put, "/orders/\(order.id!)/ship/", token: shopper.token)
            let ship = try await client.send(.put, "/orders/\(order.id!)/ship/", token: staffToken)
            let receipt = try await client.send(.put, "/orders/\(order.id!)/receipt/", token: shopper.token)
            // check
            #expect(receiptTooEarly.status == .badRequest)
            #expect(shipByBuyer.status == .forbidden)
            #expect(ship.status == .ok)
            #expect(receipt.status == .ok)
            #expect(try await env.order(order.id!).status == OrderStatus.uncommented.rawValue)
        }
    }

    @Test func ordersAreListedNewestFirstAndPrivate() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            let other = try await env.shopper("buyer0002", mobile: "13812340002")
            try await env.setStock(1, 50)
            var ids: [String] = []
            for _ in 0..<3 {
                try await env.putInCart(shopper, skuID: 1, count: 1)
                ids.append(try await env.placeOrder(shopper).id!)
            }
            try await env.services.sql().raw("UPDATE order_info SET create_time = \(bind: Date(timeIntervalSinceNow: -100)) WHERE order_id = \(bind: ids[0])").run()
            // act
            let page = try await client.send(.get, "/orders/?page_size=2", token: shopper.token).object
            let all = try await client.send(.get, "/orders/all/?page=2&page_size=2", token: shopper.token).object
            let theirs = try await client.send(.get, "/orders/", token: other.token).object
            let peek = try await client.send(.get, "/orders/\(ids[0])/", token: other.token)
            let mine = try await client.send(.get, "/orders/\(ids[0])/", token: shopper.token).object
            // check
            let results = page["results"] as? [[String: Any]] ?? []
            #expect(page["count"] as? Int == 3)
            #expect(results.count == 2)
            #expect(!(results.map { $0["order_id"] as? String }).contains(ids[0]))
            #expect(((all["results"] as? [[String: Any]])?.first?["order_id"] as? String) == ids[0])
            #expect(theirs["count"] as? Int == 0)
            #expect(peek.status == .notFound)
            #expect(((mine["skus"] as? [[String: Any]])?.first?["sku"] as? [String: Any])?["id"] as? Int == 1)
            #expect(mine["total_amount"] as? String == "11398.00")
        }
    }
}
