import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// Who may watch a lesson, decided from the enrolment's end and the clock on every request; free enrolment; my courses.
@Suite struct CourseAccessTests {
    @Test func aFreeTrialLessonGivesASignedMediaURLToAnyone() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            // act
            let lesson = try await client.send(.get, "/courses/\(shop.python)/lessons/\(shop.lessons[0])/")
            let url = try #require(lesson.object["media_url"] as? String)
            let media = try await client.send(.get, SignedMediaURLTests.relative(url))
            // check
            #expect(lesson.status == .ok && lesson.object["media_expires"] is String)
            #expect(media.status == .ok && media.text == "private/courses/python/1.txt")
        }
    }

    @Test func aPaidLessonIsRefusedToTheAnonymousAndTheUnenrolled() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (_, token) = try await env.loggedInUser()
            // act
            let anonymous = try await client.send(.get, "/courses/\(shop.python)/lessons/\(shop.lessons[1])/")
            let unenrolled = try await client.send(.get, "/courses/\(shop.python)/lessons/\(shop.lessons[1])/", token: token)
            // check
            #expect(anonymous.status == .unauthorized)
            #expect(unenrolled.status == .forbidden && unenrolled.object["detail"] as? String == "购买课程后才能学习该课时")
        }
    }

    @Test func anEnrolledUserGetsThePaidLessonUntilTheEnrolmentEnds() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: 30 days bought
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            try await env.enrol(user.id!, in: shop.python, days: 30)
            // act
            let inside = try await client.send(.get, "/courses/\(shop.python)/lessons/\(shop.lessons[1])/", token: token)
            clock.advance(by: 30 * 86_400)
            let fresh = try await env.token(for: user)  // the first token has expired too
            let after = try await client.send(.get, "/courses/\(shop.python)/lessons/\(shop.lessons[1])/", token: fresh)
            let detail = try await client.send(.get, "/courses/\(shop.python)/", token: fresh)
            // check
            #expect(inside.status == .ok && inside.object["media_url"] is String)
            #expect(after.status == .forbidden)
            #expect(detail.object["enrolled"] as? Bool == false && detail.object["out_time"] is String)
        }
    }

    @Test func renewingBeforeTheEndStacksTheDays() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: 30 days, then 90 more bought ten days later
            let shop = try await env.courseShop()
            let user = try await env.createUser()
            try await env.enrol(user.id!, in: shop.python, days: 30)
            clock.advance(by: 10 * 86_400)
            // act
            try await env.enrol(user.id!, in: shop.python, days: 90)
            // check: 20 days left + 90
            let end = try await Enrolments(services: env.services).enrolment(userID: user.id!, courseID: shop.python)?.end
            #expect(end == clock.now.addingTimeInterval(110 * 86_400))
        }
    }

    @Test func aSignedMediaURLStopsWorkingWhenItExpires() async throws {
        let clock = ManualClock()
        try await withApp({ $0.courseMediaURLSeconds = 600 }, clock: clock.shopClock) { client, env in
            // setup
            let shop = try await env.courseShop()
            let lesson = try await client.send(.get, "/courses/\(shop.python)/lessons/\(shop.lessons[0])/")
            let url = SignedMediaURLTests.relative(try #require(lesson.object["media_url"] as? String))
            // act
            clock.advance(by: 601)
            let late = try await client.send(.get, url)
            // check
            #expect(late.status == .forbidden)
        }
    }

    @Test func aFreeCourseEnrolsAtOnceAndOnlyOnce() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (_, token) = try await env.loggedInUser()
            // act
            let first = try await client.send(.post, "/courses/\(shop.free)/enrol/", token: token)
            let again = try await client.send(.post, "/courses/\(shop.free)/enrol/", token: token)
            let paid = try await client.send(.post, "/courses/\(shop.python)/enrol/", token: token)
            let mine = try await client.send(.get, "/my/courses/", token: token)
            // check
            #expect(first.status == .created && first.object["out_time"] is NSNull && first.object["buy_type"] as? Int == 2)
            #expect(again.status == .created)
            #expect(paid.status == .badRequest && paid.nonFieldErrors == ["该课程不是免费课程"])
            #expect(mine.array.count == 1)
            let students = try await env.services.sql().raw("SELECT students FROM courses WHERE id = \(bind: shop.free)").first()?
                .decode(column: "students", as: Int.self)
            #expect(students == 1)
        }
    }

    @Test func progressIsRememberedForTheEnrolledOnly() async throws {
        try await withApp { client, env in
            // setup
            let shop = try await env.courseShop()
            let (user, token) = try await env.loggedInUser()
            let (_, stranger) = try await env.loggedInUser("stranger01", mobile: "13800138009")
            try await env.enrol(user.id!, in: shop.python, days: nil)
            // act
            let marked = try await client.send(.post, "/my/courses/\(shop.python)/progress/", json: ["lesson": shop.lessons[1]], token: token)
            let refused = try await client.send(.post, "/my/courses/\(shop.python)/progress/", json: ["lesson": shop.lessons[1]], token: stranger)
            let mine = try await client.send(.get, "/my/courses/", token: token)
            // check
            #expect(marked.status == .noContent && refused.status == .forbidden)
            let course = try #require(mine.array.first)
            #expect((course["last_lesson"] as? [String: Any])?["name"] as? String == "变量与类型")
            #expect(course["expired"] as? Bool == false && course["out_time"] is NSNull)
        }
    }
}
