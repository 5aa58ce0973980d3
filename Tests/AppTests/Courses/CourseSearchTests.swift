import Foundation
import HummingbirdTesting
import Testing
@testable import App

/// `GET /courses/search/?text=`: by the words of a course's name (CJK-aware, as SKU search) or by its price.
@Suite struct CourseSearchTests {
    @Test func aChineseWordFindsTheCoursesWhoseNameHoldsIt() async throws {
        try await withApp { client, env in
            // setup
            _ = try await env.courseShop()
            // act
            let found = try await client.send(.get, "/courses/search/?text=\("全栈".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            // check
            #expect(found.status == .ok)
            #expect((found.object["results"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Python 全栈开发"])
        }
    }

    @Test func latinWordsMatchWhateverTheirWidthAndCase() async throws {
        try await withApp { client, env in
            // setup
            _ = try await env.courseShop()
            // act: full-width, upper case
            let found = try await client.send(.get, "/courses/search/?text=\("ＶＵＥ".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            // check
            #expect((found.object["results"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Vue 轻课"])
        }
    }

    @Test func aPriceFindsTheCoursesAtThatPrice() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            // act
            let found = try await client.send(.get, "/courses/search/?text=499")
            // check
            #expect((found.object["results"] as? [[String: Any]])?.map { $0["id"] as? Int } == [shop.python])
        }
    }

    @Test func priceBoundsNarrowTheSearch() async throws {
        try await withApp { client, env in
            // setup
            _ = try await env.courseShop()
            let text = "课".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            // act: 课 is in 「Vue 轻课」 (¥200) and the offline course (never listed)
            let cheap = try await client.send(.get, "/courses/search/?text=\(text)&price_max=100")
            let all = try await client.send(.get, "/courses/search/?text=\(text)")
            // check
            #expect(cheap.object["count"] as? Int == 0)
            #expect((all.object["results"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Vue 轻课"])
        }
    }

    @Test func punctuationAloneIsRefused() async throws {
        try await withApp { client, env in
            // act
            let response = try await client.send(.get, "/courses/search/?text=%E3%80%90%E3%80%91")
            // check
            #expect(response.status == .badRequest && response.object["text"] != nil)
        }
    }
}
