import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// `/cart/courses/`: a course with a validity option, priced at the clock's now, changed, ticked, removed.
@Suite struct CourseCartTests {
    @Test func anAddedOptionIsInTheCartAtTodaysPrice() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (_, token) = try await env.loggedInUser()
            // act
            let added = try await client.send(.post, "/cart/courses/", json: ["course_id": shop.vue], token: token)
            let cart = try await client.send(.get, "/cart/courses/", token: token)
            // check: the 轻课 is half price while its discount runs
            #expect(added.status == .created && added.object["expire_id"] as? Int == 0)
            let line = try #require((cart.object["results"] as? [[String: Any]])?.first)
            #expect(line["price"] as? String == "200.00" && line["real_price"] as? String == "100.00")
            #expect(line["discount_type"] as? String == "限时折扣" && line["selected"] as? Bool == true)
            #expect(cart.object["total"] as? String == "100.00")
        }
    }

    @Test func changingTheOptionChangesThePrice() async throws {
        try await withApp { client, env in
            // setup: the 30-day option in the cart
            let shop = try await env.courseShop()
            let (_, token) = try await env.loggedInUser()
            let options = try await client.send(.get, "/courses/\(shop.python)/").object["expires"] as! [[String: Any]]
            try await client.send(.post, "/cart/courses/", json: ["course_id": shop.python, "expire_id": options[0]["id"]!], token: token)
            // act: change_course_expire to 90 days
            let changed = try await client.send(.patch, "/cart/courses/", json: ["course_id": shop.python, "expire_id": options[1]["id"]!], token: token)
            // check
            #expect(changed.status == .ok)
            #expect(changed.object["expire_text"] as? String == "3个月有效" && changed.object["real_price"] as? String == "249.00")
            let cart = try await client.send(.get, "/cart/courses/", token: token)
            #expect(cart.object["count"] as? Int == 1 && cart.object["total"] as? String == "249.00")
        }
    }

    @Test func anOptionOfAnotherCourseIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            let pythonOption = try await client.send(.get, "/courses/\(shop.python)/").object["expires"] as! [[String: Any]]
            // act
            let response = try await client.send(.post, "/cart/courses/", json: ["course_id": shop.vue, "expire_id": pythonOption[0]["id"]!], token: token)
            // check
            #expect(response.status == .badRequest && response.object["expire_id"] != nil)
            #expect(try await CourseCart(services: env.services).lines(userID: user.id!).isEmpty)
        }
    }

    @Test func aFreeCourseIsEnrolledNotBought() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (_, token) = try await env.loggedInUser()
            // act
            let response = try await client.send(.post, "/cart/courses/", json: ["course_id": shop.free], token: token)
            // check
            #expect(response.status == .badRequest)
            #expect((response.object["non_field_errors"] as? [String])?.first == "免费课程无需购买，直接报名即可")
        }
    }

    @Test func aCourseOwnedForEverCannotBeBoughtAgain() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            try await env.enrol(user.id!, in: shop.python, days: nil)
            // act
            let response = try await client.send(.post, "/cart/courses/", json: ["course_id": shop.vue], token: token)
            let again = try await client.send(.post, "/cart/courses/", json: ["course_id": shop.python,
                                                                              "expire_id": try await env.pythonOption(days: 30)], token: token)
            // check
            #expect(response.status == .created)
            #expect(again.status == .badRequest && (again.object["non_field_errors"] as? [String])?.first == "您已永久拥有该课程")
        }
    }

    @Test func anUntickedCourseStaysOutOfTheSettlement() async throws {
        try await withApp { client, env in
            // setup: two courses in the cart
            let shop = try await env.courseShop()
            let (_, token) = try await env.loggedInUser()
            try await client.send(.post, "/cart/courses/", json: ["course_id": shop.vue], token: token)
            try await client.send(.post, "/cart/courses/", json: ["course_id": shop.python, "expire_id": try await env.pythonOption(days: 90)], token: token)
            // act
            let unticked = try await client.send(.put, "/cart/courses/", json: ["course_id": shop.vue, "selected": false], token: token)
            let settlement = try await client.send(.get, "/orders/settlement/", token: token)
            // check: only the Python course, and nothing to ship
            #expect(unticked.status == .ok)
            let courses = try #require(settlement.object["courses"] as? [[String: Any]])
            #expect(courses.map { $0["course_id"] as? Int } == [shop.python])
            #expect(settlement.object["ships"] as? Bool == false)
            #expect((settlement.object["priced"] as? [String: Any])?["freight"] as? String == "0.00")
            #expect((settlement.object["pay_methods"] as? [Int])?.contains(1) == false)
        }
    }

    @Test func aRemovedCourseLeavesTheCart() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (_, token) = try await env.loggedInUser()
            try await client.send(.post, "/cart/courses/", json: ["course_id": shop.vue], token: token)
            // act
            let removed = try await client.send(.delete, "/cart/courses/", json: ["course_id": shop.vue], token: token)
            // check
            #expect(removed.status == .noContent)
            #expect(try await client.send(.get, "/cart/courses/", token: token).object["count"] as? Int == 0)
        }
    }

    @Test func theCourseCartNeedsALogin() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            // act
            let response = try await client.send(.post, "/cart/courses/", json: ["course_id": shop.vue])
            // check
            #expect(response.status == .unauthorized)
        }
    }
}

extension TestEnvironment {
    /// The id of the fixture Python course's option of `days` (0: permanent).
    func pythonOption(days: Int) async throws -> Int {
        let shop = try await services.readSQL().raw("SELECT id FROM courses WHERE name = 'Python 全栈开发'").first()!.decode(column: "id", as: Int.self)
        return try await services.readSQL().raw("""
            SELECT id FROM course_expires WHERE course_id = \(bind: shop) AND expire_time = \(bind: days)
            """).first()!.decode(column: "id", as: Int.self)
    }
}
