import Foundation
import MeiduoRules
import SQLKit

/// Writing the course catalog (demo data now, the back office later): categories, teachers, and a course with its
/// chapters, lessons and price options in one transaction. Lesson and published-lesson counts follow the lessons.
public struct CourseWriter: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct NewLesson: Sendable {
        public var name: String
        public var kind: CourseRules.LessonKind
        public var duration: Int
        public var freeTrial: Bool
        public var mediaKey: String?
        /// Nil: published now.
        public var publishDate: Date?

        public init(name: String, kind: CourseRules.LessonKind = .video, duration: Int = 600, freeTrial: Bool = false,
                    mediaKey: String? = nil, publishDate: Date? = nil) {
            self.name = name
            self.kind = kind
            self.duration = duration
            self.freeTrial = freeTrial
            self.mediaKey = mediaKey
            self.publishDate = publishDate
        }
    }

    public struct NewChapter: Sendable {
        public var name: String
        public var summary: String
        public var lessons: [NewLesson]

        public init(name: String, summary: String = "", lessons: [NewLesson]) {
            self.name = name
            self.summary = summary
            self.lessons = lessons
        }
    }

    public struct NewCourse: Sendable {
        public var name: String
        public var categoryID: Int
        public var teacherID: Int
        public var kind: CourseRules.Kind = .practical
        public var level: CourseRules.Level = .beginner
        public var status: CourseRules.Status = .online
        public var image: String = ""
        public var brief: String = ""
        public var price: Int64
        public var weight: Int = 0
        public var students: Int = 0
        /// Validity options: days (0 = permanent) and price in cents.
        public var options: [(days: Int, price: Int64)] = []
        public var discount: CourseRules.Discount?
        public var chapters: [NewChapter] = []

        public init(name: String, categoryID: Int, teacherID: Int, price: Int64) {
            self.name = name
            self.categoryID = categoryID
            self.teacherID = teacherID
            self.price = price
        }
    }

    public func createCategory(name: String, weight: Int = 0) async throws -> Int {
        defer { forgetCachedAnswers() }
        let now = services.clock.now()
        return try await services.sql().raw("""
            INSERT INTO course_categories (name, orders, is_show, create_time, update_time)
            VALUES (\(bind: name), \(bind: weight), \(bind: true), \(bind: now), \(bind: now)) RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
    }

    public func createTeacher(name: String, title: String, signature: String = "", image: String = "", brief: String = "") async throws -> Int {
        defer { forgetCachedAnswers() }
        let now = services.clock.now()
        return try await services.sql().raw("""
            INSERT INTO teachers (name, role, title, signature, image, brief, create_time, update_time)
            VALUES (\(bind: name), 0, \(bind: title), \(bind: signature), \(bind: image), \(bind: brief), \(bind: now), \(bind: now)) RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
    }

    /// The course's id; its lessons' ids are in chapter and lesson order via `CourseCatalog.chapters`.
    public func createCourse(_ new: NewCourse) async throws -> Int {
        defer { forgetCachedAnswers() }
        let now = services.clock.now()
        let lessonCount = new.chapters.reduce(0) { $0 + $1.lessons.count }
        let published = new.chapters.reduce(0) { $0 + $1.lessons.filter { ($0.publishDate ?? now) <= now }.count }
        return try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            let courseID = try await sql.raw("""
                INSERT INTO courses (name, search_text, course_img, course_type, brief, level, status, category_id, teacher_id, students, lessons,
                                     pub_lessons, price, orders, discount_name, discount_sale, discount_start, discount_end, create_time, update_time)
                VALUES (\(bind: new.name), \(bind: SearchTokenizer.indexText(new.name)), \(bind: new.image), \(bind: new.kind.rawValue), \(bind: new.brief), \(bind: new.level.rawValue),
                        \(bind: new.status.rawValue), \(bind: new.categoryID), \(bind: new.teacherID), \(bind: new.students), \(bind: lessonCount),
                        \(bind: published), \(bind: new.price), \(bind: new.weight), \(bind: new.discount?.name), \(bind: new.discount?.sale),
                        \(bind: new.discount?.start), \(bind: new.discount?.end), \(bind: now), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            for option in new.options {
                try await sql.raw("""
                    INSERT INTO course_expires (course_id, expire_time, price, create_time, update_time)
                    VALUES (\(bind: courseID), \(bind: option.days), \(bind: option.price), \(bind: now), \(bind: now))
                    """).run()
            }
            for (number, chapter) in new.chapters.enumerated() {
                let chapterID = try await sql.raw("""
                    INSERT INTO course_chapters (course_id, chapter, name, summary, create_time, update_time)
                    VALUES (\(bind: courseID), \(bind: number + 1), \(bind: chapter.name), \(bind: chapter.summary), \(bind: now), \(bind: now)) RETURNING id
                    """).first()!.decode(column: "id", as: Int.self)
                for (order, lesson) in chapter.lessons.enumerated() {
                    try await sql.raw("""
                        INSERT INTO course_lessons (course_id, chapter_id, name, orders, section_type, duration, free_trail, pub_date, media_key,
                                                    create_time, update_time)
                        VALUES (\(bind: courseID), \(bind: chapterID), \(bind: lesson.name), \(bind: order + 1), \(bind: lesson.kind.rawValue),
                                \(bind: lesson.duration), \(bind: lesson.freeTrial), \(bind: lesson.publishDate ?? now), \(bind: lesson.mediaKey),
                                \(bind: now), \(bind: now))
                        """).run()
                }
            }
            return courseID
        }
    }

    /// The public course answers are cached briefly (`CoursesController`): a change shows at once.
    func forgetCachedAnswers() {
        services.catalogCaches.responses.removeAll()
    }
}
