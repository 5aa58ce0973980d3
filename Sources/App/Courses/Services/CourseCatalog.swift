import Foundation
import MeiduoRules
import SQLKit

/// Reading the course catalog (seeds 002/003): categories, the listing with filters, ordering and pages, a course's
/// detail with its chapters, lessons and price options at today's prices. Listed courses are those 上线 and 预上线;
/// a 下线 course is not found.
public struct CourseCatalog: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// `?ordering=`: the seed's 最新/人气/价格 sorts; unknown values are refused as a field.
    public enum Ordering: String, Sendable, CaseIterable {
        case weight = "", newest = "-id", students = "-students", price = "price", priceDescending = "-price"

        public static func parse(_ raw: String?) throws -> Ordering {
            guard let raw, !raw.isEmpty else { return .weight }
            guard let ordering = Ordering(rawValue: raw) else {
                throw APIError.field("ordering", "无效的排序字段，可选：-id, -students, price, -price")
            }
            return ordering
        }

        var sql: String {
            switch self {
            case .weight: return "c.orders ASC, c.id ASC"
            case .newest: return "c.id DESC"
            case .students: return "c.students DESC, c.id DESC"
            case .price: return "c.price ASC, c.id ASC"
            case .priceDescending: return "c.price DESC, c.id DESC"
            }
        }
    }

    public struct Filter: Sendable, Equatable {
        public var categoryID: Int?
        public var kind: CourseRules.Kind?
        /// Search: every token must be in the name (`SearchTokenizer.queryTokens`); a text that reads as a price also
        /// finds the courses at that price.
        public var nameTokens: [String] = []
        public var price: Int64?
        /// Base price bounds in cents, inclusive.
        public var priceMin: Int64?
        public var priceMax: Int64?

        public init(categoryID: Int? = nil, kind: CourseRules.Kind? = nil) {
            self.categoryID = categoryID
            self.kind = kind
        }

        /// The search of `text`: its name tokens, and the price it reads as.
        public static func search(_ text: String) -> Filter {
            var filter = Filter()
            filter.nameTokens = SearchTokenizer.queryTokens(text)
            filter.price = Money.parse(text.trimmingCharacters(in: .whitespaces))
            return filter
        }
    }

    /// One course row with its teacher, as every course answer needs it.
    public struct Course: Sendable, Equatable {
        public let id: Int
        public let name: String
        public let image: String
        public let kind: CourseRules.Kind
        public let level: CourseRules.Level
        public let status: CourseRules.Status
        public let categoryID: Int
        public let brief: String
        public let students: Int
        public let lessons: Int
        public let publishedLessons: Int
        public let price: Int64
        public let discount: CourseRules.Discount?
        public let teacher: Teacher
    }

    public struct Teacher: Sendable, Equatable {
        public let id: Int
        public let name: String
        public let title: String
        public let signature: String
        public let image: String
        public let brief: String
    }

    /// A validity option; `id` is nil for the implicit permanent option of a course without options.
    public struct Option: Sendable, Equatable {
        public let id: Int?
        public let days: Int
        public let price: Int64
    }

    public struct Lesson: Sendable, Equatable {
        public let id: Int
        public let courseID: Int
        public let chapterID: Int
        public let name: String
        public let kind: CourseRules.LessonKind
        public let duration: Int
        public let freeTrial: Bool
        public let publishDate: Date
        public let mediaKey: String?
    }

    public struct Chapter: Sendable, Equatable {
        public let id: Int
        public let number: Int
        public let name: String
        public let summary: String
        public let lessons: [Lesson]
    }

    static let listed = [CourseRules.Status.online.rawValue, CourseRules.Status.preview.rawValue]

    static let courseColumns: SQLQueryString = """
        c.id, c.name, c.course_img, c.course_type, c.level, c.status, c.category_id, c.brief, c.students, c.lessons, c.pub_lessons,
        c.price, c.discount_name, c.discount_sale, c.discount_start, c.discount_end,
        t.id AS teacher_id, t.name AS teacher_name, t.title AS teacher_title, t.signature AS teacher_signature,
        t.image AS teacher_image, t.brief AS teacher_brief
        """

    public func categories() async throws -> [(id: Int, name: String)] {
        try await services.readSQL().raw("SELECT id, name FROM course_categories WHERE is_show = \(bind: true) ORDER BY orders, id").all().map {
            (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "name", as: String.self))
        }
    }

    func whereListed(_ filter: Filter) -> SQLQueryString {
        var clause: SQLQueryString = "c.status IN (\(binds: Self.listed))"
        if let category = filter.categoryID { clause = clause + " AND c.category_id = \(bind: category)" }
        if let kind = filter.kind { clause = clause + " AND c.course_type = \(bind: kind.rawValue)" }
        if let low = filter.priceMin { clause = clause + " AND c.price >= \(bind: low)" }
        if let high = filter.priceMax { clause = clause + " AND c.price <= \(bind: high)" }
        // Tokens hold no LIKE wildcards (the tokenizer splits on punctuation); spaces around make them whole tokens.
        let tokens = filter.nameTokens.filter { !$0.contains("%") && !$0.contains("_") }
        if !tokens.isEmpty || filter.price != nil {
            var any: [SQLQueryString] = []
            if !tokens.isEmpty {
                any.append("(" + tokens.map { "(' ' || c.search_text || ' ') LIKE \(bind: "% \($0) %")" as SQLQueryString }
                    .joined(separator: " AND ") + ")")
            }
            if let price = filter.price { any.append("c.price = \(bind: price)") }
            clause = clause + " AND (" + any.joined(separator: " OR ") + ")"
        }
        return clause
    }

    public func count(_ filter: Filter) async throws -> Int {
        try await services.readSQL().raw("SELECT COUNT(*) AS n FROM courses c WHERE \(whereListed(filter))").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    public func page(_ filter: Filter, ordering: Ordering, limit: Int, offset: Int) async throws -> [Course] {
        try await services.readSQL().raw("""
            SELECT \(Self.courseColumns) FROM courses c JOIN teachers t ON t.id = c.teacher_id
            WHERE \(whereListed(filter)) ORDER BY \(unsafeRaw: ordering.sql) LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map(Self.course)
    }

    /// A listed course, or nil.
    public func course(_ id: Int) async throws -> Course? {
        try await services.readSQL().raw("""
            SELECT \(Self.courseColumns) FROM courses c JOIN teachers t ON t.id = c.teacher_id
            WHERE c.id = \(bind: id) AND c.status IN (\(binds: Self.listed))
            """).first().map(Self.course)
    }

    /// Listed courses by id (those not listed are missing from the answer).
    public func courses(ids: [Int]) async throws -> [Int: Course] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await services.readSQL().raw("""
            SELECT \(Self.courseColumns) FROM courses c JOIN teachers t ON t.id = c.teacher_id
            WHERE c.id IN (\(binds: Array(Set(ids)))) AND c.status IN (\(binds: Self.listed))
            """).all().map(Self.course)
        return Dictionary(rows.map { ($0.id, $0) }) { first, _ in first }
    }

    /// The course's options, shortest validity first and permanent last; a course without any is sold permanent at its price.
    public func options(of course: Course) async throws -> [Option] {
        try await options(of: [course])[course.id] ?? []
    }

    /// The options of several courses in one query, by course.
    public func options(of courses: [Course]) async throws -> [Int: [Option]] {
        guard !courses.isEmpty else { return [:] }
        let rows = try await services.readSQL().raw("""
            SELECT id, course_id, expire_time, price FROM course_expires WHERE course_id IN (\(binds: courses.map(\.id)))
            """).all()
        var byCourse: [Int: [Option]] = [:]
        for row in rows {
            byCourse[try row.decode(column: "course_id", as: Int.self), default: []].append(
                Option(id: try row.decode(column: "id", as: Int.self), days: try row.decode(column: "expire_time", as: Int.self),
                       price: try row.decode(column: "price", as: Int64.self)))
        }
        var answer: [Int: [Option]] = [:]
        for course in courses {
            let options = byCourse[course.id] ?? []
            answer[course.id] = options.isEmpty ? [Option(id: nil, days: 0, price: course.price)]
                : options.sorted { ($0.days == 0 ? Int.max : $0.days) < ($1.days == 0 ? Int.max : $1.days) }
        }
        return answer
    }

    /// The published lessons of some courses, by course, in chapter and lesson order.
    public func lessons(courseIDs: [Int], now: Date) async throws -> [Int: [Lesson]] {
        guard !courseIDs.isEmpty else { return [:] }
        let lessons = try await services.readSQL().raw("""
            SELECT l.id, l.course_id, l.chapter_id, l.name, l.section_type, l.duration, l.free_trail, l.pub_date, l.media_key
            FROM course_lessons l JOIN course_chapters ch ON ch.id = l.chapter_id
            WHERE l.course_id IN (\(binds: courseIDs)) AND l.pub_date <= \(bind: now)
            ORDER BY l.course_id, ch.chapter, l.orders, l.id
            """).all().map(Self.lesson)
        return Dictionary(grouping: lessons, by: \.courseID)
    }

    public func chapters(courseID: Int, now: Date) async throws -> [Chapter] {
        let lessons = try await self.lessons(courseIDs: [courseID], now: now)[courseID] ?? []
        let byChapter = Dictionary(grouping: lessons, by: \.chapterID)
        return try await services.readSQL().raw("""
            SELECT id, chapter, name, summary FROM course_chapters WHERE course_id = \(bind: courseID) ORDER BY chapter
            """).all().map { row in
                let id = try row.decode(column: "id", as: Int.self)
                return Chapter(id: id, number: try row.decode(column: "chapter", as: Int.self), name: try row.decode(column: "name", as: String.self),
                               summary: try row.decode(column: "summary", as: String.self), lessons: byChapter[id] ?? [])
            }
    }

    /// One published lesson of a listed course, or nil.
    public func lesson(_ lessonID: Int, courseID: Int, now: Date) async throws -> Lesson? {
        try await services.readSQL().raw("""
            SELECT l.id, l.course_id, l.chapter_id, l.name, l.section_type, l.duration, l.free_trail, l.pub_date, l.media_key
            FROM course_lessons l JOIN courses c ON c.id = l.course_id
            WHERE l.id = \(bind: lessonID) AND l.course_id = \(bind: courseID) AND l.pub_date <= \(bind: now) AND c.status IN (\(binds: Self.listed))
            """).first().map(Self.lesson)
    }

    static func course(_ row: any SQLRow) throws -> Course {
        var discount: CourseRules.Discount?
        if let sale = try row.decode(column: "discount_sale", as: String?.self), let start = try row.decode(column: "discount_start", as: Date?.self),
           let end = try row.decode(column: "discount_end", as: Date?.self) {
            discount = CourseRules.Discount(name: try row.decode(column: "discount_name", as: String?.self) ?? "限时优惠", sale: sale, start: start, end: end)
        }
        return Course(
            id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
            image: try row.decode(column: "course_img", as: String.self),
            kind: CourseRules.Kind(rawValue: try row.decode(column: "course_type", as: Int.self)) ?? .practical,
            level: CourseRules.Level(rawValue: try row.decode(column: "level", as: Int.self)) ?? .beginner,
            status: CourseRules.Status(rawValue: try row.decode(column: "status", as: Int.self)) ?? .offline,
            categoryID: try row.decode(column: "category_id", as: Int.self), brief: try row.decode(column: "brief", as: String.self),
            students: try row.decode(column: "students", as: Int.self), lessons: try row.decode(column: "lessons", as: Int.self),
            publishedLessons: try row.decode(column: "pub_lessons", as: Int.self), price: try row.decode(column: "price", as: Int64.self),
            discount: discount,
            teacher: Teacher(id: try row.decode(column: "teacher_id", as: Int.self), name: try row.decode(column: "teacher_name", as: String.self),
                             title: try row.decode(column: "teacher_title", as: String.self),
                             signature: try row.decode(column: "teacher_signature", as: String.self),
                             image: try row.decode(column: "teacher_image", as: String.self), brief: try row.decode(column: "teacher_brief", as: String.self)))
    }

    static func lesson(_ row: any SQLRow) throws -> Lesson {
        Lesson(id: try row.decode(column: "id", as: Int.self), courseID: try row.decode(column: "course_id", as: Int.self),
               chapterID: try row.decode(column: "chapter_id", as: Int.self), name: try row.decode(column: "name", as: String.self),
               kind: CourseRules.LessonKind(rawValue: try row.decode(column: "section_type", as: Int.self)) ?? .video,
               duration: try row.decode(column: "duration", as: Int.self), freeTrial: try row.decode(column: "free_trail", as: Bool.self),
               publishDate: try row.decode(column: "pub_date", as: Date.self), mediaKey: try row.decode(column: "media_key", as: String?.self))
    }
}
