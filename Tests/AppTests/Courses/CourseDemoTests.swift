import Foundation
import HummingbirdTesting
import Testing
@testable import App

/// The demo course shop `load-demo` adds: loaded once, listed, with lesson videos and drawn slides served signed.
@Suite struct CourseDemoTests {
    @Test func theDemoLoadsADozenCoursesOnce() async throws {
        try await withApp { client, env in
            // act
            let first = try await CourseDemo(services: env.services).loadIfEmpty()
            let second = try await CourseDemo(services: env.services).loadIfEmpty()
            let listing = try await client.send(.get, "/courses/?page_size=50")
            // check
            #expect(first && !second)
            #expect(listing.object["count"] as? Int == 12)
        }
    }

    @Test func aDemoFreeTrialLessonServesItsVideo() async throws {
        try await withApp { client, env in
            // setup
            try await CourseDemo(services: env.services).loadIfEmpty()
            let course = try await CourseCatalog(services: env.services).page(.init(), ordering: .weight, limit: 1, offset: 0)[0]
            let lesson = try #require(try await CourseCatalog(services: env.services).chapters(courseID: course.id, now: Date()).first?.lessons.first)
            // act
            let answer = try await client.send(.get, "/courses/\(course.id)/lessons/\(lesson.id)/")
            let slide = try await client.send(.get, SignedMediaURLTests.relative(try #require(answer.object["media_url"] as? String)))
            // check: a chapter opens with a WebM video (ffmpeg is installed by the scripts), served in ranges for the player
            #expect(answer.object["section_type"] as? Int == 2)
            #expect(slide.status == .ok && slide.headers[.contentType] == "video/webm" && slide.headers[.acceptRanges] == "bytes")
        }
    }

    @Test func aDemoDocumentLessonServesItsSlide() async throws {
        try await withApp { client, env in
            // setup: the second lesson of the first chapter is a drawn slide
            try await CourseDemo(services: env.services).loadIfEmpty()
            let course = try await CourseCatalog(services: env.services).page(.init(), ordering: .weight, limit: 1, offset: 0)[0]
            let lesson = try #require(try await CourseCatalog(services: env.services).chapters(courseID: course.id, now: Date()).first?.lessons.dropFirst().first)
            // act
            let answer = try await client.send(.get, "/courses/\(course.id)/lessons/\(lesson.id)/")
            let slide = try await client.send(.get, SignedMediaURLTests.relative(try #require(answer.object["media_url"] as? String)))
            // check
            #expect(slide.status == .ok && slide.headers[.contentType] == "image/svg+xml")
        }
    }
}
