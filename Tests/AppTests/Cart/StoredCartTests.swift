import FluentKit
import Foundation
import Testing
@testable import App

@Suite struct StoredCartTests {
    @Test func loggedInCartLivesInTheDatabase() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let (_, token) = try await env.loggedInUser()
            // act
            let add = try await client.cart(.post, json: ["sku_id": 1, "count": 1], token: token)
            try await client.cart(.post, json: ["sku_id": 1, "count": 2], token: token)
            try await client.cart(.post, json: ["sku_id": 3, "count": 1, "selected": false], token: token)
            let list = try await client.cart(.get, token: token)
            // check
            #expect(add.status == .created)
            #expect(add.cartCookie == nil)
            #expect(Set(list.array.compactMap { $0["id"] as? Int }) == [1, 3])
            #expect(list.array.first { $0["id"] as? Int == 1 }?["count"] as? Int == 3)
        }
    }

    @Test func addingPastTheLineLimitOf9999IsRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            try await env.services.sql().raw("UPDATE skus SET stock = 100000 WHERE id = 1").run()
            let (_, token) = try await env.loggedInUser()
            try await client.cart(.post, json: ["sku_id": 1, "count": 9_000], token: token)
            // act
            let refused = try await client.cart(.post, json: ["sku_id": 1, "count": 1_000], token: token)
            let list = try await client.cart(.get, token: token)
            // check
            #expect(refused.status == .badRequest)
            #expect(refused.object["count"] as? [String] == ["请确保该值小于或者等于 9999。"])
            #expect(list.array.first?["count"] as? Int == 9_000)
        }
    }

    @Test func updateDeleteSelectAllAndSelectedLines() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let (user, token) = try await env.loggedInUser()
            try await client.cart(.post, json: ["sku_id": 1, "count": 1], token: token)
            try await client.cart(.post, json: ["sku_id": 2, "count": 1], token: token)
            try await client.cart(.post, json: ["sku_id": 3, "count": 1], token: token)
            // act
            try await client.cart(.put, json: ["sku_id": 1, "count": 5, "selected": false], token: token)
            let delete = try await client.cart(.delete, json: ["sku_id": 2], token: token)
            let selected = try await CartService(services: env.services).selectedLines(.user(user.id!))
            try await client.cart(.put, "/cart/selection/", json: ["selected": true], token: token)
            let all = try await CartService(services: env.services).selectedLines(.user(user.id!))
            // check
            #expect(delete.status == .noContent)
            #expect(selected.map(\.skuID) == [3])
            #expect(Set(all.map(\.skuID)) == [1, 3])
            #expect(all.first { $0.skuID == 1 }?.count == 5)
        }
    }

    @Test func invalidTokenIsAnAnonymousShopperNotA401() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let response = try await client.cart(.post, json: ["sku_id": 1, "count": 1], token: "not-a-token")
            // check
            #expect(response.status == .created)
            #expect(response.cartCookie != nil)
        }
    }

    @Test func cartLinesAreBounded() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            _ = try await DemoCatalogGenerator(services: env.services, seed: 3).generate(skuCount: CartService.maxLines + 5)
            let user = try await env.createUser()
            let cart = CartService(services: env.services)
            let ids = try await SKU.query(on: env.services.db()).filter(\.$stock > 0).all().compactMap(\.id)
            for id in ids.prefix(CartService.maxLines) { _ = try await cart.add(.user(user.id!), skuID: id, count: 1, selected: true) }
            // act / check
            await #expect(throws: CartError.tooManyLines(CartService.maxLines)) {
                _ = try await cart.add(.user(user.id!), skuID: ids[CartService.maxLines], count: 1, selected: true)
            }
        }
    }
}
