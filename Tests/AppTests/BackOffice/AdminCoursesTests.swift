import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// The course shop in the back office: a 课程运营 builds a course with validity prices, a chapter and a free-trial
/// lesson whose video is uploaded to private storage, and the shop shows it; media must suit the lesson; a
/// half-filled discount and an unknown teacher are refused; other roles are refused.
@Suite struct AdminCoursesTests {
    struct Desk {
        let token: String
        let course: Int
    }

    func desk(_ client: some TestClientProtocol, _ env: TestEnvironment) async throws -> Desk {
        let (_, token) = try await env.staffMember("courseop1", mobile: "13899990041", role: "课程运营")
        let category = try await client.send(.post, "/admin/api/course-categories/", json: ["name": "Python"], token: token).object["id"] as! Int
        let teacher = try await client.send(.post, "/admin/api/teachers/", json: ["name": "王老师", "title": "资深讲师"], token: token).object["id"] as! Int
        let course = try await client.send(.post, "/admin/api/courses/", json: [
            "name": "Python 爬虫实战", "category_id": category, "teacher_id": teacher, "course_type": 1, "level": 0, "status": 0, "price": "299.00",
        ], token: token).object["id"] as! Int
        return Desk(token: token, course: course)
    }

    /// The first bytes of an MP4 file (`ftyp` box), enough to be told as one.
    static let mp4: [UInt8] = [0, 0, 0, 0x18] + Array("ftypmp42".utf8) + [UInt8](repeating: 0, count: 64)

    @Test func aCourseBuiltInTheBackOfficeIsSoldWithItsOptionsAndPlaysItsTrialLesson() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await desk(client, env)
            try await client.send(.post, "/admin/api/courses/\(desk.course)/options/", json: ["days": 30, "price": "99.00"], token: desk.token)
            try await client.send(.post, "/admin/api/courses/\(desk.course)/options/", json: ["days": 0, "price": "299.00"], token: desk.token)
            let chapters = try await client.send(.post, "/admin/api/courses/\(desk.course)/chapters/", json: ["name": "入门"], token: desk.token)
            let chapterID = chapters.object["id"] as! Int
            let lesson = try await client.send(.post, "/admin/api/course-chapters/\(chapterID)/lessons/", json: [
                "name": "第一个爬虫", "section_type": 2, "duration": 600, "free_trail": true,
            ], token: desk.token).object["id"] as! Int
            // act
            let uploaded = try await client.execute(uri: "/admin/api/course-lessons/\(lesson)/media/", method: .post,
                                                    headers: [.authorization: "JWT \(desk.token)", .contentType: "video/mp4"], body: ByteBuffer(bytes: Self.mp4))
            let shown = try await client.send(.get, "/courses/\(desk.course)/")
            let played = try await client.send(.get, "/courses/\(desk.course)/lessons/\(lesson)/")
            // check
            #expect(uploaded.status == .ok && uploaded.object["has_media"] as? Bool == true)
            #expect(shown.status == .ok && shown.object["name"] as? String == "Python 爬虫实战")
            let url = played.object["media_url"] as? String ?? ""
            #expect(url.contains("/private/courses/") && url.contains("signature="))
            let detail = try await client.send(.get, "/admin/api/courses/\(desk.course)/", token: desk.token).object
            #expect((detail["options"] as? [[String: Any]])?.map { $0["days"] as? Int } == [30, 0])
        }
    }

    @Test func aVideoLessonTakesAVideoAndNothingElse() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await desk(client, env)
            let chapters = try await client.send(.post, "/admin/api/courses/\(desk.course)/chapters/", json: ["name": "入门"], token: desk.token)
            let chapterID = chapters.object["id"] as! Int
            let lesson = try await client.send(.post, "/admin/api/course-chapters/\(chapterID)/lessons/", json: ["name": "视频", "section_type": 2],
                                               token: desk.token).object["id"] as! Int
            // act
            let pdf = try await client.execute(uri: "/admin/api/course-lessons/\(lesson)/media/", method: .post,
                                               headers: [.authorization: "JWT \(desk.token)", .contentType: "application/pdf"],
                                               body: ByteBuffer(bytes: Array("%PDF-1.7\n".utf8)))
            let text = try await client.execute(uri: "/admin/api/course-lessons/\(lesson)/media/", method: .post,
                                                headers: [.authorization: "JWT \(desk.token)", .contentType: "video/mp4"], body: ByteBuffer(string: "not a video"))
            // check
            #expect(pdf.status == .badRequest && pdf.object["file"] != nil)
            #expect(text.status == .badRequest && text.object["file"] != nil)
        }
    }

    @Test func aHalfFilledDiscountOrAnUnknownTeacherIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await desk(client, env)
            var body: [String: Any] = ["name": "Python 爬虫实战", "category_id": 1, "teacher_id": 999, "course_type": 1, "level": 0, "status": 0, "price": "299.00"]
            // act
            let teacher = try await client.send(.put, "/admin/api/courses/\(desk.course)/", json: body, token: desk.token)
            body["teacher_id"] = try await client.send(.get, "/admin/api/courses/\(desk.course)/", token: desk.token).object["teacher_id"]
            body["category_id"] = try await client.send(.get, "/admin/api/courses/\(desk.course)/", token: desk.token).object["category_id"]
            body["discount_name"] = "双十一"
            let half = try await client.send(.put, "/admin/api/courses/\(desk.course)/", json: body, token: desk.token)
            // check
            #expect(teacher.status == .badRequest && teacher.object["teacher_id"] != nil)
            #expect(half.status == .badRequest && half.object["discount_name"] != nil)
        }
    }

    @Test func aDiscountSavedShowsInTheAuditTrail() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await desk(client, env)
            var body = try await client.send(.get, "/admin/api/courses/\(desk.course)/", token: desk.token).object
            body.removeValue(forKey: "discount")
            body["discount_name"] = "双十一"
            body["discount_sale"] = "*0.8"
            body["discount_start"] = "2026-11-01T00:00:00+08:00"
            body["discount_end"] = "2026-11-12T00:00:00+08:00"
            // act
            let saved = try await client.send(.put, "/admin/api/courses/\(desk.course)/", json: body, token: desk.token)
            // check
            #expect((saved.object["discount"] as? [String: Any])?["sale"] as? String == "*0.8")
            let row = try await env.auditRows(.init(targetType: "courses", targetID: "\(desk.course)")).first
            #expect(row?.entry.after?.contains("双十一") == true && row?.entry.before?.contains("双十一") == false)
        }
    }

    @Test func aCategoryNameIsTakenOnce() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await desk(client, env)
            // act
            let twin = try await client.send(.post, "/admin/api/course-categories/", json: ["name": "Python"], token: desk.token)
            // check: a field error, not the table's unique index as a 500
            #expect(twin.status == .badRequest && twin.object["name"] != nil)
        }
    }

    @Test func otherRolesMayNotTouchCourses() async throws {
        try await withApp { client, env in
            // setup
            let (_, goodsOp) = try await env.staffMember("goodsop04", mobile: "13899990042", role: "商品运营")
            let (_, shopper) = try await env.loggedInUser("shopper41", mobile: "13800138041")
            // act
            let refused = try await client.send(.post, "/admin/api/course-categories/", json: ["name": "x"], token: goodsOp)
            let shopperRead = try await client.send(.get, "/admin/api/courses/", token: shopper)
            // check
            #expect(refused.status == .forbidden && shopperRead.status == .forbidden)
        }
    }
}
