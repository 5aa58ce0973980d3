import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// The course catalog: categories, the listing's filters, ordering and pages, a course's detail with its options
/// priced at the clock's time.
@Suite struct CourseCatalogTests {
    static func names(_ response: TestResponse) -> [String] {
        ((response.object["results"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
    }

    @Test func categoriesAreListedInTheirOrder() async throws {
        try await withApp { client, env in
            // setup
            _ = try await env.courseShop()
            // act
            let response = try await client.send(.get, "/courses/categories/")
            // check
            #expect(response.array.compactMap { $0["name"] as? String } == ["后端开发", "前端开发"])
        }
    }

    @Test func theListingFiltersByCategoryAndTypeAndHidesOfflineCourses() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            // act
            let all = try await client.send(.get, "/courses/")
            let backend = try await client.send(.get, "/courses/?category=\(shop.backend)")
            let free = try await client.send(.get, "/courses/?type=0")
            // check
            #expect(Set(Self.names(all)) == ["Python 全栈开发", "Git 入门", "Vue 轻课"])
            #expect(Set(Self.names(backend)) == ["Python 全栈开发", "Git 入门"])
            #expect(Self.names(free) == ["Git 入门"])
        }
    }

    @Test func theListingOrdersByStudentsAndPriceAndPages() async throws {
        try await withApp { client, env in
            // setup
            _ = try await env.courseShop()
            // act
            let popular = try await client.send(.get, "/courses/?ordering=-students")
            let cheap = try await client.send(.get, "/courses/?ordering=price&page_size=2")
            let second = try await client.send(.get, "/courses/?ordering=price&page_size=2&page=2")
            let unknown = try await client.send(.get, "/courses/?ordering=name")
            // check
            #expect(Self.names(popular) == ["Vue 轻课", "Python 全栈开发", "Git 入门"])
            #expect(Self.names(cheap) == ["Git 入门", "Vue 轻课"] && cheap.object["count"] as? Int == 3 && cheap.object["next"] is String)
            #expect(Self.names(second) == ["Python 全栈开发"])
            #expect(unknown.status == .badRequest && unknown.fieldErrors("ordering")?.count == 1)
        }
    }

    @Test func aListedCourseShowsItsTeacherAndFirstPublishedLessons() async throws {
        try await withApp { client, env in
            // setup
            _ = try await env.courseShop()
            // act
            let response = try await client.send(.get, "/courses/?category=0&ordering=-id")
            // check
            let python = try #require((response.object["results"] as? [[String: Any]])?.first { $0["name"] as? String == "Python 全栈开发" })
            #expect((python["teacher"] as? [String: Any])?["title"] as? String == "路飞学城教学总监")
            let sections = try #require(python["section_list"] as? [[String: Any]])
            #expect(sections.compactMap { $0["name"] as? String } == ["环境搭建", "变量与类型", "装饰器"])
            #expect(sections.first?["free_trail"] as? Bool == true)
            #expect(python["lessons"] as? Int == 4 && python["pub_lessons"] as? Int == 3)
        }
    }

    @Test func theDetailListsChaptersAndOptionsShortestFirstPermanentLast() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            // act
            let response = try await client.send(.get, "/courses/\(shop.python)/")
            // check
            #expect(response.status == .ok)
            let options = try #require(response.object["expires"] as? [[String: Any]])
            #expect(options.compactMap { $0["expire_text"] as? String } == ["1个月有效", "3个月有效", "永久有效"])
            #expect(options.compactMap { $0["real_price"] as? String } == ["99.00", "249.00", "499.00"])
            let chapters = try #require(response.object["chapters"] as? [[String: Any]])
            #expect(chapters.compactMap { $0["name"] as? String } == ["入门", "进阶"])
            #expect(response.object["enrolled"] as? Bool == false && response.object["level_name"] as? String == "初级")
        }
    }

    @Test func aCourseWithoutOptionsIsSoldPermanentAtItsPrice() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            // act
            let response = try await client.send(.get, "/courses/\(shop.vue)/")
            // check
            let options = try #require(response.object["expires"] as? [[String: Any]])
            #expect(options.count == 1 && options.first?["expire_time"] as? Int == 0 && options.first?["id"] is NSNull)
        }
    }

    @Test func aDiscountPricesTheCourseOnlyInsideItsWindow() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: half price for ten days
            let shop = try await env.courseShop()
            // act
            let during = try await client.send(.get, "/courses/\(shop.vue)/")
            clock.advance(by: 10 * 86_400)
            let after = try await client.send(.get, "/courses/\(shop.vue)/")
            // check
            #expect(during.object["real_price"] as? String == "100.00" && during.object["discount_type"] as? String == "限时折扣")
            #expect(after.object["real_price"] as? String == "200.00" && after.object["discount_type"] as? String == "")
            #expect(after.object["price"] as? String == "200.00")
        }
    }

    @Test func anOfflineOrUnknownCourseIsNotFound() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            // act
            let offline = try await client.send(.get, "/courses/\(shop.offline)/")
            let unknown = try await client.send(.get, "/courses/999999/")
            // check
            #expect(offline.status == .notFound && unknown.status == .notFound)
        }
    }
}
