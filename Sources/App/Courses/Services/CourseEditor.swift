import FluentKit
import Foundation
import MeiduoRules
import Hummingbird
import SQLKit

/// Staff keep the course shop (seed 002/003 xadmin): categories, teachers, courses with their validity-priced options
/// and discount, chapters and lessons with their media (uploaded to `private/` storage, served by signed URL), and
/// see who is enrolled. Every change forgets the public answers cached for a few seconds.
struct CourseEditor: Sendable {
    let services: AppServices

    struct Fields: Sendable {
        var name: String
        var categoryID: Int
        var teacherID: Int
        var kind: CourseRules.Kind
        var level: CourseRules.Level
        var status: CourseRules.Status
        var brief: String
        var price: Int64
        var discount: CourseRules.Discount?
    }

    func forget() { CourseWriter(services: services).forgetCachedAnswers() }

    func categories() async throws -> [AdminCourseRefDTO] {
        try await services.readSQL().raw("""
            SELECT c.id, c.name, (SELECT COUNT(*) FROM courses k WHERE k.category_id = c.id) AS courses FROM course_categories c ORDER BY c.orders, c.id
            """).all().map(Self.ref)
    }

    func teachers() async throws -> [AdminCourseRefDTO] {
        try await services.readSQL().raw("""
            SELECT t.id, t.name, (SELECT COUNT(*) FROM courses k WHERE k.teacher_id = t.id) AS courses FROM teachers t ORDER BY t.id
            """).all().map(Self.ref)
    }

    /// A category; names are unique (the table says so too: a racing twin is refused by it).
    func createCategory(name: String) async throws -> Int {
        if try await services.sql().raw("SELECT id FROM course_categories WHERE name = \(bind: name)").first() != nil {
            throw APIError.field("name", "已有名为“\(name)”的课程分类。")
        }
        return try await CourseWriter(services: services).createCategory(name: name)
    }

    static func ref(_ row: any SQLRow) throws -> AdminCourseRefDTO {
        AdminCourseRefDTO(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                          courses: try row.decode(column: "courses", as: Int.self))
    }

    /// `?q=` part of the name, every status, newest first.
    func list(query: String?, page: PageRequest, request: Request) async throws -> Page<AdminCourseRowDTO> {
        let clause: SQLQueryString = query.map { " WHERE c.name LIKE \(bind: "%" + $0 + "%")" } ?? ""
        let sql = services.readSQL()
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM courses c" + clause).first()?.decode(column: "n", as: Int.self) ?? 0
        try page.validate(count: count)
        let rows = try await sql.raw("""
            SELECT c.id, c.name, c.price, c.status, c.students, c.lessons, COALESCE(k.name, '') AS category, COALESCE(t.name, '') AS teacher
            FROM courses c LEFT JOIN course_categories k ON k.id = c.category_id LEFT JOIN teachers t ON t.id = c.teacher_id
            """ + clause + " ORDER BY c.id DESC LIMIT \(bind: page.size) OFFSET \(bind: page.offset)").all()
        return Page(count: count, results: try rows.map { row in
            AdminCourseRowDTO(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                              category: try row.decode(column: "category", as: String.self), teacher: try row.decode(column: "teacher", as: String.self),
                              price: Money.format(cents: try row.decode(column: "price", as: Int64.self)), status: try row.decode(column: "status", as: Int.self),
                              students: try row.decode(column: "students", as: Int.self), lessons: try row.decode(column: "lessons", as: Int.self))
        }, request: page, httpRequest: request)
    }

    func detail(_ id: Int) async throws -> AdminCourseDTO {
        let sql = services.readSQL()
        guard let row = try await sql.raw("SELECT * FROM courses WHERE id = \(bind: id)").first() else { throw APIError.notFound }
        var discount: AdminCourseDiscountDTO?
        if let name = try row.decode(column: "discount_name", as: String?.self), let sale = try row.decode(column: "discount_sale", as: String?.self),
           let start = try row.decode(column: "discount_start", as: Date?.self), let end = try row.decode(column: "discount_end", as: Date?.self) {
            discount = AdminCourseDiscountDTO(name: name, sale: sale, start: start, end: end)
        }
        let options = try await sql.raw("SELECT id, expire_time, price FROM course_expires WHERE course_id = \(bind: id) ORDER BY expire_time = 0, expire_time")
            .all().map { option in
                let days = try option.decode(column: "expire_time", as: Int.self)
                return AdminCourseOptionDTO(id: try option.decode(column: "id", as: Int.self), days: days, expire_text: CourseRules.expireText(days: days),
                                            price: Money.format(cents: try option.decode(column: "price", as: Int64.self)))
            }
        let lessons = try await CourseCatalog(services: services).lessons(courseIDs: [id], now: .distantFuture)[id] ?? []
        var orders: [Int: Int] = [:]
        for lesson in try await sql.raw("SELECT id, orders FROM course_lessons WHERE course_id = \(bind: id)").all() {
            orders[try lesson.decode(column: "id", as: Int.self)] = try lesson.decode(column: "orders", as: Int.self)
        }
        let chapters = try await sql.raw("SELECT id, chapter, name, summary FROM course_chapters WHERE course_id = \(bind: id) ORDER BY chapter").all().map { chapter in
            let chapterID = try chapter.decode(column: "id", as: Int.self)
            return AdminChapterDTO(id: chapterID, chapter: try chapter.decode(column: "chapter", as: Int.self), name: try chapter.decode(column: "name", as: String.self),
                                   summary: try chapter.decode(column: "summary", as: String.self),
                                   lessons: lessons.filter { $0.chapterID == chapterID }.map { lesson in
                                       AdminLessonDTO(id: lesson.id, orders: orders[lesson.id] ?? 0, name: lesson.name, section_type: lesson.kind.rawValue,
                                                      duration: lesson.duration, free_trail: lesson.freeTrial, pub_date: lesson.publishDate,
                                                      has_media: lesson.mediaKey != nil)
                                   })
        }
        return AdminCourseDTO(
            id: id, name: try row.decode(column: "name", as: String.self), category_id: try row.decode(column: "category_id", as: Int.self),
            teacher_id: try row.decode(column: "teacher_id", as: Int.self), course_type: try row.decode(column: "course_type", as: Int.self),
            level: try row.decode(column: "level", as: Int.self), status: try row.decode(column: "status", as: Int.self),
            brief: try row.decode(column: "brief", as: String.self), price: Money.format(cents: try row.decode(column: "price", as: Int64.self)),
            course_img: services.storage.imageURL(try row.decode(column: "course_img", as: String.self)), discount: discount,
            students: try row.decode(column: "students", as: Int.self), options: options, chapters: chapters)
    }

    func refuseUnknown(_ fields: Fields) async throws {
        let sql = services.readSQL()
        if try await sql.raw("SELECT id FROM course_categories WHERE id = \(bind: fields.categoryID)").first() == nil {
            throw APIError.field("category_id", "课程分类不存在。")
        }
        if try await sql.raw("SELECT id FROM teachers WHERE id = \(bind: fields.teacherID)").first() == nil {
            throw APIError.field("teacher_id", "讲师不存在。")
        }
    }

    func create(_ fields: Fields) async throws -> Int {
        try await refuseUnknown(fields)
        var new = CourseWriter.NewCourse(name: fields.name, categoryID: fields.categoryID, teacherID: fields.teacherID, price: fields.price)
        new.kind = fields.kind
        new.level = fields.level
        new.status = fields.status
        new.brief = fields.brief
        new.discount = fields.discount
        return try await CourseWriter(services: services).createCourse(new)
    }

    func update(_ id: Int, _ fields: Fields) async throws {
        try await refuseUnknown(fields)
        defer { forget() }
        let changed = try await services.sql().raw("""
            UPDATE courses SET name = \(bind: fields.name), search_text = \(bind: SearchTokenizer.indexText(fields.name)), category_id = \(bind: fields.categoryID),
                   teacher_id = \(bind: fields.teacherID), course_type = \(bind: fields.kind.rawValue), level = \(bind: fields.level.rawValue),
                   status = \(bind: fields.status.rawValue), brief = \(bind: fields.brief), price = \(bind: fields.price),
                   discount_name = \(bind: fields.discount?.name), discount_sale = \(bind: fields.discount?.sale), discount_start = \(bind: fields.discount?.start),
                   discount_end = \(bind: fields.discount?.end), update_time = \(bind: services.clock.now())
            WHERE id = \(bind: id) RETURNING id
            """).first()
        guard changed != nil else { throw APIError.notFound }
    }

    func setImage(_ id: Int, key: String) async throws {
        defer { forget() }
        let changed = try await services.sql().raw("""
            UPDATE courses SET course_img = \(bind: key), update_time = \(bind: services.clock.now()) WHERE id = \(bind: id) RETURNING id
            """).first()
        guard changed != nil else { throw APIError.notFound }
    }

    /// A validity option (days, 0 = permanent), one per length.
    func addOption(courseID: Int, days: Int, price: Int64) async throws {
        defer { forget() }
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard try await sql.raw("SELECT id FROM courses WHERE id = \(bind: courseID)").first() != nil else { throw APIError.notFound }
            if try await sql.raw("SELECT id FROM course_expires WHERE course_id = \(bind: courseID) AND expire_time = \(bind: days)").first() != nil {
                throw APIError.field("days", "已有“\(CourseRules.expireText(days: days))”的价格。")
            }
            let now = services.clock.now()
            try await sql.raw("""
                INSERT INTO course_expires (course_id, expire_time, price, create_time, update_time) VALUES (\(bind: courseID), \(bind: days), \(bind: price), \(bind: now), \(bind: now))
                """).run()
        }
    }

    /// An option goes unless a shopper's cart holds it (their choice would vanish under them).
    func deleteOption(courseID: Int, optionID: Int) async throws {
        defer { forget() }
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard try await sql.raw("SELECT id FROM course_expires WHERE id = \(bind: optionID) AND course_id = \(bind: courseID)").first() != nil else { throw APIError.notFound }
            if try await sql.raw("SELECT id FROM cart_courses WHERE expire_id = \(bind: optionID) LIMIT 1").first() != nil {
                throw APIError.nonField("有用户的购物车里选了这个有效期，暂时不能删除。")
            }
            try await sql.raw("DELETE FROM course_expires WHERE id = \(bind: optionID)").run()
        }
    }

    func addChapter(courseID: Int, name: String, summary: String) async throws {
        defer { forget() }
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard try await sql.raw("SELECT id FROM courses WHERE id = \(bind: courseID)").first() != nil else { throw APIError.notFound }
            let now = services.clock.now()
            try await sql.raw("""
                INSERT INTO course_chapters (course_id, chapter, name, summary, create_time, update_time)
                SELECT \(bind: courseID), COALESCE(MAX(chapter), 0) + 1, \(bind: name), \(bind: summary), \(bind: now), \(bind: now)
                FROM course_chapters WHERE course_id = \(bind: courseID)
                """).run()
        }
    }

    /// A lesson last in its chapter; the course's lesson counts follow (published ones by the publish date).
    func addLesson(chapterID: Int, lesson: CourseWriter.NewLesson) async throws -> Int {
        defer { forget() }
        let now = services.clock.now()
        return try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard let courseID = try await sql.raw("SELECT course_id FROM course_chapters WHERE id = \(bind: chapterID)").first()?
                .decode(column: "course_id", as: Int.self) else { throw APIError.notFound }
            let published = (lesson.publishDate ?? now) <= now
            let id = try await sql.raw("""
                INSERT INTO course_lessons (course_id, chapter_id, name, orders, section_type, duration, free_trail, pub_date, media_key, create_time, update_time)
                SELECT \(bind: courseID), \(bind: chapterID), \(bind: lesson.name), COALESCE(MAX(orders), 0) + 1, \(bind: lesson.kind.rawValue), \(bind: lesson.duration),
                       \(bind: lesson.freeTrial), \(bind: lesson.publishDate ?? now), NULL, \(bind: now), \(bind: now)
                FROM course_lessons WHERE chapter_id = \(bind: chapterID) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await sql.raw("""
                UPDATE courses SET lessons = lessons + 1, pub_lessons = pub_lessons + \(bind: published ? 1 : 0), update_time = \(bind: now) WHERE id = \(bind: courseID)
                """).run()
            return id
        }
    }

    /// The lesson's kind, to check an upload against (nil: no such lesson).
    func lessonKind(_ lessonID: Int) async throws -> CourseRules.LessonKind? {
        try await services.readSQL().raw("SELECT section_type FROM course_lessons WHERE id = \(bind: lessonID)").first()
            .flatMap { CourseRules.LessonKind(rawValue: try $0.decode(column: "section_type", as: Int.self)) }
    }

    /// The lesson's media becomes `key`; the file it had is removed from storage after the change.
    func setLessonMedia(lessonID: Int, key: String) async throws {
        defer { forget() }
        let sql = services.sql()
        guard let row = try await sql.raw("SELECT media_key FROM course_lessons WHERE id = \(bind: lessonID)").first() else { throw APIError.notFound }
        let old = try row.decode(column: "media_key", as: String?.self)
        try await sql.raw("UPDATE course_lessons SET media_key = \(bind: key), update_time = \(bind: services.clock.now()) WHERE id = \(bind: lessonID)").run()
        if let old, old != key, PrivateMedia.isPrivate(old) {
            do { try await services.storage.delete(key: old) } catch {
                services.logger.error("old lesson media left in storage", metadata: ["key": "\(old)", "error": "\(error)"])
            }
        }
    }

    func enrolments(courseID: Int) async throws -> [AdminEnrolmentDTO] {
        try await services.readSQL().raw("""
            SELECT uc.user_id, u.username, uc.buy_type, uc.pay_time, uc.out_time FROM user_courses uc JOIN users u ON u.id = uc.user_id
            WHERE uc.course_id = \(bind: courseID) ORDER BY uc.pay_time DESC, uc.id DESC LIMIT 500
            """).all().map { row in
                AdminEnrolmentDTO(user_id: try row.decode(column: "user_id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                                  buy_type: try row.decode(column: "buy_type", as: Int.self), pay_time: try row.decode(column: "pay_time", as: Date?.self),
                                  out_time: try row.decode(column: "out_time", as: Date?.self))
            }
    }
}
