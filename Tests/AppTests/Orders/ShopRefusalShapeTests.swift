import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// Cart, order, catalog and user-center answers in the shapes the original serializers and views gave
/// (the cart and detail pages show `non_field_errors[0]`: 商品库存不足, 商品不存在).
@Suite struct ShopRefusalShapeTests {
    @Test(arguments: [HTTPRequest.Method.post, .put])
    func cartLineOfAnUnknownSKUIsANonFieldError(method: HTTPRequest.Method) async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let response = try await client.cart(method, json: ["sku_id": 99_999, "count": 1])
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["商品不存在"])
        }
    }

    @Test(arguments: [HTTPRequest.Method.post, .put])
    func cartCountOverTheStockIsANonFieldError(method: HTTPRequest.Method) async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            try await env.setStock(1, 3)
            // act
            let response = try await client.cart(method, json: ["sku_id": 1, "count": 4])
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["商品库存不足"])
        }
    }

    @Test func addingPastTheStockToAStoredLineIsANonFieldError() async throws {
        try await withApp { client, env in
            // setup: two in the cart, three in stock
            try await env.loadMeiduoSample()
            try await env.setStock(1, 3)
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 2)
            // act
            let response = try await client.send(.post, "/cart/", json: ["sku_id": 1, "count": 2], token: shopper.token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["商品库存不足"])
        }
    }

    @Test func countOverTheStockAndOverTheLineCapGetsTheStockMessage() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            try await env.setStock(1, 3)
            // act
            let response = try await client.cart(.post, json: ["sku_id": 1, "count": 10_000])
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["商品库存不足"])
        }
    }

    @Test func deletingAnUnknownSKUFromTheCartIsAFieldError() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let response = try await client.cart(.delete, json: ["sku_id": 99_999])
            // check
            #expect(response.status == .badRequest)
            #expect(response.fieldErrors("sku_id") == ["商品不存在"])
        }
    }

    @Test func orderWithAnUnknownAddressIsAFieldError() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 1)
            // act
            let response = try await client.send(.post, "/orders/", json: ["address": 99_999, "pay_method": 2], token: shopper.token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.fieldErrors("address")?.count == 1)
        }
    }

    @Test func orderWithAnotherUsersAddressIsAFieldError() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            let other = try await env.shopper("buyer0002", mobile: "13812340002")
            try await env.putInCart(shopper, skuID: 1, count: 1)
            // act
            let response = try await client.send(.post, "/orders/", json: ["address": other.addressID, "pay_method": 2], token: shopper.token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.fieldErrors("address")?.count == 1)
        }
    }

    @Test func orderWithAPayMethodNotOfferedIsAFieldError() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 1)
            // act
            let response = try await client.send(.post, "/orders/", json: ["address": shopper.addressID, "pay_method": 9], token: shopper.token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.fieldErrors("pay_method")?.count == 1)
        }
    }

    @Test func orderPastTheStockStaysABareList() async throws {
        try await withApp { client, env in
            // setup: the cart holds more than is left
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 2)
            try await env.setStock(1, 1)
            // act
            let response = try await client.send(.post, "/orders/", json: ["address": shopper.addressID, "pay_method": 2], token: shopper.token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.messageList?.count == 1)
            #expect(response.messageList?.first?.hasSuffix("库存不足") == true)
        }
    }

    @Test func breadcrumbOfAnUnknownCategoryIsAMessage() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let response = try await client.send(.get, "/categories/99999/")
            // check
            #expect(response.status == .badRequest)
            #expect(response.messageOnly == "类别不存在")
        }
    }

    @Test func listOfACategoryIDWithoutSKUsIsAnEmptyPage() async throws {
        try await withApp { client, env in
            // setup: no category (and so no SKU) has id 99999; the original filtered SKUs by it and found none
            try await env.loadMeiduoSample()
            // act
            let response = try await client.send(.get, "/categories/99999/skus/")
            // check
            #expect(response.status == .ok)
            #expect(response.object["count"] as? Int == 0)
            #expect(response.object["next"] is NSNull)
            #expect(response.object["previous"] is NSNull)
            #expect((response.object["results"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func listPastTheLastPageIsStill404() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let response = try await client.send(.get, "/categories/99999/skus/?page=2")
            // check
            #expect(response.status == .notFound)
            #expect(response.detailOnly == "无效页面。")
        }
    }

    @Test func commentsOfAnUnknownSKUAre404() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let response = try await client.send(.get, "/skus/99999/comments/")
            // check
            #expect(response.status == .notFound)
            #expect(response.detailOnly != nil)
        }
    }

    @Test func addressListAlwaysCarriesTheDefaultAddressID() async throws {
        try await withApp { client, env in
            // setup: a user with no address yet
            let (_, token) = try await env.loggedInUser()
            // act
            let response = try await client.send(.get, "/addresses/", token: token)
            // check
            #expect(response.status == .ok)
            #expect(response.object.keys.contains("default_address_id"))
            #expect(response.object["default_address_id"] is NSNull)
        }
    }

    @Test func orderLinesCarryTheSKUsPriceAndWhetherTheyWereCommented() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: 1, count: 2)
            let order = try await env.placeOrder(shopper)
            // act
            let response = try await client.send(.get, "/orders/\(order.id!)/", token: shopper.token)
            // check
            let line = try #require((response.object["skus"] as? [[String: Any]])?.first)
            #expect(Set(line.keys) == ["sku", "count", "price", "is_commented", "real_price", "discount_name"])
            let sku = try #require(line["sku"] as? [String: Any])
            #expect(Set(sku.keys) == ["id", "name", "default_image_url", "price"])
            #expect(sku["price"] is String)
            #expect(line["price"] is String)
            #expect(line["count"] as? Int == 2)
            #expect(line["is_commented"] as? Bool == false)
        }
    }
}
