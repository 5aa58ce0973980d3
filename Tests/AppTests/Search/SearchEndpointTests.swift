import Foundation
import HummingbirdTesting
import Testing
@testable import App

/// `GET /skus/search/`: page shape, ordering, paging and refusals.
@Suite struct SearchEndpointTests {
    @Test func answersInTheHaystackPageShape() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadIndexedSample()
            // act
            let response = try await client.send(.get, searchURI("华为", "page_size=2"))
            // check
            let body = response.object
            let first = (body["results"] as? [[String: Any]])?.first ?? [:]
            let object = first["object"] as? [String: Any] ?? [:]
            #expect(response.status == .ok)
            #expect(body["count"] as? Int == 8)
            #expect((body["next"] as? String)?.contains("page=2") == true)
            #expect(body["previous"] is NSNull)
            #expect(Set(first.keys) == ["text", "object"])
            #expect(Set(object.keys) == ["id", "name", "price", "default_image_url", "comments"])
            #expect((object["price"] as? String)?.hasSuffix(".00") == true)
        }
    }

    @Test func resultTextIsTheRawNameAndCaption() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            let id = try await env.addSKU("索尼 WH-1000XM5 无线降噪耳机", caption: "【旗舰降噪】30小时续航！")
            try await SearchIndex(services: env.services).rebuild()
            // act
            let response = try await client.send(.get, searchURI("降噪"))
            // check
            let first = (response.object["results"] as? [[String: Any]])?.first ?? [:]
            #expect(response.resultIDs == [id])
            #expect(first["text"] as? String == "索尼 WH-1000XM5 无线降噪耳机\n【旗舰降噪】30小时续航！")
        }
    }

    @Test func orderingByPriceBothWays() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadIndexedSample()
            // act
            let up = try await client.send(.get, searchURI("手机", "page_size=20&ordering=price"))
            let down = try await client.send(.get, searchURI("手机", "page_size=20&ordering=-price"))
            // check
            func prices(_ response: TestResponse) -> [Double] {
                (response.object["results"] as? [[String: Any]] ?? []).compactMap { (($0["object"] as? [String: Any])?["price"] as? String).flatMap(Double.init) }
            }
            #expect(prices(up).count == 14)
            #expect(prices(up) == prices(up).sorted())
            #expect(prices(down) == prices(up).reversed())
        }
    }

    @Test func unknownOrderingIsRefused() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadIndexedSample()
            // act
            let response = try await client.send(.get, searchURI("手机", "ordering=name"))
            // check
            #expect(response.status == .badRequest)
            #expect((response.object["ordering"] as? [String])?.count == 1)
        }
    }

    @Test func pagesLinkToEachOtherAndPastTheEndIs404() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadIndexedSample()
            // act
            let first = try await client.send(.get, searchURI("手机", "page_size=5"))
            let last = try await client.send(.get, searchURI("手机", "page_size=5&page=3"))
            let past = try await client.send(.get, searchURI("手机", "page_size=5&page=4"))
            // check
            #expect(first.object["count"] as? Int == 14)
            #expect((first.object["next"] as? String)?.contains("page=2") == true)
            #expect(first.object["previous"] is NSNull)
            #expect(last.resultIDs.count == 4)
            #expect(last.object["next"] is NSNull)
            #expect((last.object["previous"] as? String)?.contains("page=2") == true)
            #expect(Set(first.resultIDs).isDisjoint(with: last.resultIDs))
            #expect(past.status == .notFound)
            #expect(past.object["detail"] as? String == "无效页面。")
        }
    }

    @Test func missingOrEmptyTextIsRequired() async throws {
        try await withApp { client, _ in
            // act
            let missing = try await client.send(.get, "/skus/search/")
            let empty = try await client.send(.get, "/skus/search/?text=")
            let blank = try await client.send(.get, "/skus/search/?text=%20%20")
            // check
            for response in [missing, empty, blank] {
                #expect(response.status == .badRequest)
                #expect(response.object["text"] as? [String] == ["该字段是必填项。"])
            }
        }
    }

    @Test func punctuationOnlyGivesAnEmptyPage() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadIndexedSample()
            // act
            let response = try await client.send(.get, searchURI("【！？…】,.;"))
            // check
            #expect(response.status == .ok)
            #expect(response.object["count"] as? Int == 0)
            #expect((response.object["results"] as? [Any])?.isEmpty == true)
            #expect(response.object["next"] is NSNull)
        }
    }

    @Test func queryOperatorsAndQuotesAreJustText() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadIndexedSample()
            let texts = ["\"", "*", "OR", "-", "'", "华为\" OR \"", "NEAR(华为", "name:华为", "华为 -手机", "^iPhone", "a' OR '1'='1", "!", "&|!<->:*", "\\"]
            // act
            var statuses: [Int] = []
            for text in texts { statuses.append(try await client.send(.get, searchURI(text)).status.code) }
            // check
            #expect(statuses == Array(repeating: 200, count: texts.count))
        }
    }

    @Test func searchRouteIsNotShadowedBySKUDetail() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadIndexedSample()
            // act
            let search = try await client.send(.get, searchURI("iPhone"))
            let withoutSlash = try await client.send(.get, "/skus/search?text=iPhone")
            let detail = try await client.send(.get, "/skus/3/")
            // check
            #expect(search.status == .ok && search.object["count"] as? Int == 6)
            #expect(withoutSlash.status == .ok && withoutSlash.object["count"] as? Int == 6)
            #expect(detail.status == .ok && detail.object["id"] as? Int == 3)
        }
    }
}
