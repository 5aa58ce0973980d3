import Foundation
import Testing
@testable import App

@Suite struct CategoryListTests {
    @Test func listsLaunchedSKUsOfTheCategoryInDRFPageShape() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let response = try await client.send(.get, "/categories/115/skus/?page=1&page_size=2&ordering=price")
            // check
            let body = response.object
            let results = body["results"] as? [[String: Any]] ?? []
            #expect(response.status == .ok)
            #expect(body["count"] as? Int == 14)
            #expect(results.count == 2)
            #expect((body["next"] as? String)?.hasPrefix("http://") == true)
            #expect((body["next"] as? String)?.contains("page=2") == true)
            #expect(body["previous"] is NSNull)
            #expect(Set(results[0].keys) == ["id", "name", "price", "default_image_url", "comments"])
            #expect((results[0]["price"] as? String)?.hasSuffix(".00") == true)
            #expect((results[0]["default_image_url"] as? String)?.hasPrefix("http://127.0.0.1:8080/media/group1/") == true)
        }
    }

    @Test func orderingByPriceAndSales() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let ascending = try await client.send(.get, "/categories/115/skus/?page_size=20&ordering=price").object["results"] as? [[String: Any]] ?? []
            let descending = try await client.send(.get, "/categories/115/skus/?page_size=20&ordering=-price").object["results"] as? [[String: Any]] ?? []
            // check
            let up = ascending.compactMap { ($0["price"] as? String).flatMap(Double.init) }
            let down = descending.compactMap { ($0["price"] as? String).flatMap(Double.init) }
            #expect(up.count == 14)
            #expect(up == up.sorted())
            #expect(down == down.sorted(by: >))
        }
    }

    @Test func lastPageHasNoNextAndPastTheEndIs404() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let last = try await client.send(.get, "/categories/115/skus/?page=5&page_size=3")
            let past = try await client.send(.get, "/categories/115/skus/?page=6&page_size=3")
            // check
            #expect((last.object["results"] as? [Any])?.count == 2)
            #expect(last.object["next"] is NSNull)
            #expect((last.object["previous"] as? String)?.contains("page=4") == true)
            #expect(past.status == .notFound)
            #expect(past.object["detail"] as? String == "无效页面。")
        }
    }

    @Test func emptyCategoryGivesAnEmptyFirstPage() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let response = try await client.send(.get, "/categories/116/skus/")
            // check
            #expect(response.status == .ok)
            #expect(response.object["count"] as? Int == 0)
            #expect((response.object["results"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func badPageOrOrderingIsA4xx() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let badPage = try await client.send(.get, "/categories/115/skus/?page=abc")
            let zeroPage = try await client.send(.get, "/categories/115/skus/?page=0")
            let badOrdering = try await client.send(.get, "/categories/115/skus/?ordering=name")
            let hugeSize = try await client.send(.get, "/categories/115/skus/?page_size=100000")
            // check
            #expect(badPage.status == .notFound)
            #expect(zeroPage.status == .notFound)
            #expect(badOrdering.status == .badRequest)
            #expect((hugeSize.object["results"] as? [Any])?.count == 14)
        }
    }

    @Test func pageSizeIsCappedAtTwenty() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            _ = try await DemoCatalogGenerator(services: env.services, seed: 1).generate(skuCount: 40)
            // act
            let response = try await client.send(.get, "/categories/115/skus/?page_size=500")
            // check
            #expect((response.object["results"] as? [Any])?.count == 20)
        }
    }

    @Test func unknownCategoryIsAnEmptyPage() async throws {
        try await withApp { client, env in
            // act
            let response = try await client.send(.get, "/categories/999999/skus/")
            // check
            #expect(response.status == .ok)
            #expect(response.object["count"] as? Int == 0)
        }
    }
}
