import Foundation
import MeiduoRules
import Testing
@testable import App

/// The unpaid-order timeout on the shop's clock: moved forward by the test, no sleeping.
@Suite struct OrderClockTests {
    @Test func anUnpaidOrderIsCancelledOnlyOnceItsTimeoutHasPassed() async throws {
        let clock = ManualClock()
        try await withServices(clock: clock.shopClock) { env in
            // setup: an unpaid Alipay order of two units of SKU 1 (stock 5)
            try await env.loadMeiduoSample()
            try await env.setStock(1, 5)
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 2)
            let order = try await env.placeOrder(shopper, payMethod: .alipay)
            // act: 29 minutes later the job is not due; 31 minutes later it is
            clock.advance(by: 29 * 60)
            await env.runJobs()
            let early = try await env.order(order.id!).status
            clock.advance(by: 2 * 60)
            await env.runJobs()
            // check
            #expect(early == OrderStatus.unpaid.rawValue)
            #expect(try await env.order(order.id!).status == OrderStatus.cancelled.rawValue)
            #expect(try await env.sku(1).stock == 5)
        }
    }

    @Test func aPaidOrderIsLeftAloneWhenItsTimeoutComes() async throws {
        let clock = ManualClock()
        try await withServices(clock: clock.shopClock) { env in
            // setup
            try await env.loadMeiduoSample()
            try await env.setStock(1, 5)
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 1)
            let order = try await env.placeOrder(shopper, payMethod: .alipay)
            _ = try await OrderLifecycle(services: env.services).markPaid(orderID: order.id!)
            // act
            clock.advance(by: 31 * 60)
            await env.runJobs()
            // check
            #expect(try await env.order(order.id!).status == OrderStatus.unsent.rawValue)
            #expect(try await env.sku(1).stock == 4)
        }
    }
}
