import Foundation
import Testing
@testable import App

@Suite struct AnonymousCartTests {
    @Test func addingSetsASignedCookieAndAccumulates() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let first = try await client.cart(.post, json: ["sku_id": 1, "count": 1])
            let second = try await client.cart(.post, json: ["sku_id": "1", "count": "2", "selected": "false"], cookie: first.cartCookie)
            let list = try await client.cart(.get, cookie: second.cartCookie)
            // check
            #expect(first.status == .created)
            #expect(first.object["sku_id"] as? Int == 1)
            #expect(list.array.count == 1)
            #expect(list.array.first?["count"] as? Int == 3)
            #expect(list.array.first?["selected"] as? Bool == false)
            #expect(list.array.first?["price"] as? String == "11388.00")
        }
    }

    @Test func updateDeleteAndSelectAll() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            var cookie = try await client.cart(.post, json: ["sku_id": 1, "count": 1]).cartCookie
            cookie = try await client.cart(.post, json: ["sku_id": 2, "count": 1], cookie: cookie).cartCookie
            // act
            let put = try await client.cart(.put, json: ["sku_id": 1, "count": 4, "selected": true], cookie: cookie)
            let delete = try await client.cart(.delete, json: ["sku_id": 2], cookie: put.cartCookie)
            let clear = try await client.cart(.put, "/cart/selection/", json: ["selected": false], cookie: delete.cartCookie)
            let list = try await client.cart(.get, cookie: clear.cartCookie)
            // check
            #expect(put.status == .created)
            #expect(put.object["count"] as? Int == 4)
            #expect(delete.status == .noContent)
            #expect(clear.object["message"] as? String == "ok")
            #expect(list.array.map { $0["id"] as? Int } == [1])
            #expect(list.array.first?["count"] as? Int == 4)
            #expect(list.array.first?["selected"] as? Bool == false)
        }
    }

    @Test func tamperedCookieCountsAsAnEmptyCart() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let cookie = try #require(try await client.cart(.post, json: ["sku_id": 1, "count": 1]).cartCookie)
            let forged = cookie.replacingOccurrences(of: "1:1:1", with: "1:999:1")
            // act
            let list = try await client.cart(.get, cookie: forged)
            let pickle = try await client.cart(.get, cookie: "gASVKAAAAAAAAAB9lEsBSwJdlChLAYiGlHMu")
            let oversized = try await client.cart(.get, cookie: String(repeating: "x", count: 3900))
            // check
            #expect(list.status == .ok && list.array.isEmpty)
            #expect(pickle.status == .ok && pickle.array.isEmpty)
            #expect(oversized.status == .ok && oversized.array.isEmpty)
        }
    }

    @Test func countBeyondStockIsRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            try await env.services.sql().raw("UPDATE skus SET stock = 3 WHERE id = 1").run()
            let cookie = try await client.cart(.post, json: ["sku_id": 1, "count": 2]).cartCookie
            // act
            let response = try await client.cart(.post, json: ["sku_id": 1, "count": 2], cookie: cookie)
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["商品库存不足"])
            #expect(response.cartCookie == nil)
        }
    }

    @Test func unknownOrUnlaunchedSKUIsRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            try await env.services.sql().raw("UPDATE skus SET is_launched = \(bind: false) WHERE id = 2").run()
            // act
            let unknown = try await client.cart(.post, json: ["sku_id": 9999, "count": 1])
            let unlaunched = try await client.cart(.post, json: ["sku_id": 2, "count": 1])
            let zero = try await client.cart(.post, json: ["sku_id": 1, "count": 0])
            // check
            #expect(unknown.status == .badRequest)
            #expect(unlaunched.status == .badRequest)
            #expect(zero.status == .badRequest)
        }
    }
}
