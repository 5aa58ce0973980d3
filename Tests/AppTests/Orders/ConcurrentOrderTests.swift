import FluentKit
import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

@Suite(.heavy, .timeLimit(.minutes(10))) struct ConcurrentOrderTests {
    /// Many shoppers order the same scarce SKUs at once (on SQLite through its single writer, on PostgreSQL
    /// through a real pool): nothing oversells and every accepted order adds up.
    @Test func concurrentBuyersNeverOversell() async throws {
        try await withServices { env in
            // setup: 24 shoppers each want 2 of SKU 1 and 1 of SKU 3; SKU 1 has 11 in stock, SKU 3 has 7
            try await env.loadMeiduoSample()
            try await env.setStock(1, 11)
            try await env.setStock(3, 7)
            var shoppers: [Shopper] = []
            for i in 0..<24 {
                let shopper = try await env.shopper(String(format: "racer%04d", i), mobile: String(format: "1360000%04d", i))
                try await env.putInCart(shopper, skuID: 1, count: 2)
                try await env.putInCart(shopper, skuID: 3, count: 1)
                shoppers.append(shopper)
            }
            let sales1 = try await env.sku(1).sales
            let sales3 = try await env.sku(3).sales
            // act
            let placed = await withTaskGroup(of: String?.self) { group in
                for shopper in shoppers {
                    group.addTask { try? await env.placeOrder(shopper).id }
                }
                return await group.reduce(into: [String]()) { if let id = $1 { $0.append(id) } }
            }
            // check
            let sku1 = try await env.sku(1)
            let sku3 = try await env.sku(3)
            let lines = try await OrderGoods.query(on: env.services.db()).all()
            let orders = try await OrderInfo.query(on: env.services.db()).all()
            #expect(placed.count == 5)
            #expect(sku1.stock == 1 && sku3.stock == 2)
            #expect(sku1.sales - sales1 == 11 - sku1.stock)
            #expect(sku3.sales - sales3 == 7 - sku3.stock)
            #expect(orders.count == placed.count)
            #expect(lines.count == placed.count * 2)
            #expect(lines.filter { $0.skuID == 1 }.map(\.count).reduce(0, +) == 11 - sku1.stock)
            for order in orders {
                let mine = lines.filter { $0.orderID == order.id }
                #expect(order.totalCount == mine.map(\.count).reduce(0, +))
                #expect(order.totalAmount == mine.map { $0.price * Int64($0.count) }.reduce(0, +) + order.freight)
            }
        }
    }
}
