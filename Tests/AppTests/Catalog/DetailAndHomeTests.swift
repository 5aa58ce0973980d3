import FluentKit
import Foundation
import Testing
@testable import App

@Suite struct DetailAndHomeTests {
    @Test func breadcrumbWalksUpToTheChannel() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let body = try await client.send(.get, "/categories/115/").object
            // check
            let cat1 = body["cat1"] as? [String: Any]
            #expect(cat1?["url"] as? String == "http://shouji.jd.com")
            #expect((cat1?["category"] as? [String: Any])?["name"] as? String == "手机")
            #expect((body["cat2"] as? [String: Any])?["name"] as? String == "手机通讯")
            #expect((body["cat3"] as? [String: Any])?["id"] as? Int == 115)
        }
    }

    @Test func hotSKUsAreTheTopSellers() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let hot = try await client.send(.get, "/categories/115/hotskus/").array
            // check
            let ids = hot.compactMap { $0["id"] as? Int }
            let sales = try await SKU.query(on: env.services.db()).filter(\.$categoryID == 115).filter(\.$isLaunched == true)
                .sort(\.$sales, .descending).sort(\.$id).limit(2).all().compactMap(\.id)
            #expect(ids == sales)
        }
    }

    @Test func hotSKUsAreCachedUntilTheCacheIsCleared() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let before = try await client.send(.get, "/categories/115/hotskus/").array.compactMap { $0["id"] as? Int }
            try await env.services.sql().raw("UPDATE skus SET sales = 999999 WHERE id = 16").run()
            // act
            let cached = try await client.send(.get, "/categories/115/hotskus/").array.compactMap { $0["id"] as? Int }
            env.services.catalogCaches.clear()
            let fresh = try await client.send(.get, "/categories/115/hotskus/").array.compactMap { $0["id"] as? Int }
            // check
            #expect(cached == before)
            #expect(fresh.first == 16)
        }
    }

    @Test func detailHasImagesBreadcrumbAndSpecMap() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let body = try await client.send(.get, "/skus/1/").object
            // check
            let specs = body["specs"] as? [[String: Any]] ?? []
            let colors = specs.first { $0["name"] as? String == "颜色" }?["options"] as? [[String: Any]] ?? []
            #expect(body["price"] as? String == "11388.00")
            #expect((body["images"] as? [Any])?.isEmpty == false)
            #expect(((body["breadcrumb"] as? [String: Any])?["cat3"] as? [String: Any])?["name"] as? String == "笔记本")
            #expect(specs.count == 3)
            #expect(colors.contains { $0["value"] as? String == "深灰色" && $0["sku_id"] as? Int == 2 })
            #expect(colors.contains { $0["value"] as? String == "银色" && $0["sku_id"] as? Int == 1 })
        }
    }

    @Test func unlaunchedOrUnknownSKUIs404() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            try await env.services.sql().raw("UPDATE skus SET is_launched = \(bind: false) WHERE id = 3").run()
            // act
            let unlaunched = try await client.send(.get, "/skus/3/")
            let unknown = try await client.send(.get, "/skus/424242/")
            // check
            #expect(unlaunched.status == .notFound)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func homeHasTheChannelMenuAndShownAdsInSequence() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let body = try await client.send(.get, "/home/").object
            // check
            let categories = body["categories"] as? [String: [String: Any]] ?? [:]
            let group1 = categories["1"]
            let channels = (group1?["channels"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            let subCats = group1?["sub_cats"] as? [[String: Any]] ?? []
            let carousel = (body["contents"] as? [String: [[String: Any]]])?["index_lbt"] ?? []
            let sequences = carousel.compactMap { $0["sequence"] as? Int }
            #expect(categories.count == 11)
            #expect(channels == ["手机", "相机", "数码"])
            #expect(subCats.contains { $0["name"] as? String == "手机通讯" && (($0["sub_cats"] as? [Any])?.isEmpty == false) })
            #expect(!carousel.isEmpty)
            #expect(sequences == sequences.sorted())
        }
    }

    @Test func browseHistoryShowsCatalogSummaries() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let (_, token) = try await env.loggedInUser()
            try await client.send(.post, "/browse_histories/", json: ["sku_id": 1], token: token)
            // act
            let list = try await CatalogSKULookup(database: env.services.database, imageBase: "http://img").summaries([1])
            // check
            #expect(list.first?.price == "11388.00")
            #expect(list.first?.default_image_url.hasPrefix("http://img/group1/") == true)
        }
    }
}
