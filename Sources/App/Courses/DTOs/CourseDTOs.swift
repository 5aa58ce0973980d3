import Foundation
import Hummingbird
import MeiduoRules

/// `GET /courses/categories/`.
public struct CourseCategoryDTO: ResponseEncodable, Sendable, Equatable {
    public let id: Int
    public let name: String
}

public struct CourseTeacherDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let title: String
    public let signature: String
    public let image: String
    public let brief: String
}

/// A lesson as listings show it (seed 002's `section_list`): no media.
public struct LessonSummaryDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let name: String
    /// 0 文档, 1 练习, 2 视频.
    public let section_type: Int
    /// Seconds.
    public let duration: Int
    public let free_trail: Bool
}

/// A course in the listing (seed 002's course list fields).
public struct CourseListItemDTO: ResponseEncodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let course_img: String
    public let course_type: Int
    public let level: Int
    public let students: Int
    public let lessons: Int
    public let pub_lessons: Int
    /// The base price, and what it costs today (a limited-time discount applied inside its window).
    public let price: String
    public let real_price: String
    /// The discount's name while it runs (限时折扣, 限时免费), otherwise empty.
    public let discount_type: String
    public let teacher: CourseTeacherDTO
    /// The first four published lessons.
    public let section_list: [LessonSummaryDTO]
}

public struct CourseOptionDTO: Codable, Sendable, Equatable {
    /// Null for the implicit permanent option of a course without options.
    public let id: Int?
    /// Days of validity; 0 is 永久有效.
    public let expire_time: Int
    public let expire_text: String
    public let price: String
    public let real_price: String

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(expire_time, forKey: .expire_time)
        try container.encode(expire_text, forKey: .expire_text)
        try container.encode(price, forKey: .price)
        try container.encode(real_price, forKey: .real_price)
    }
}

public struct CourseChapterDTO: ResponseEncodable, Sendable, Equatable {
    public let id: Int
    public let chapter: Int
    public let name: String
    public let summary: String
    public let lessons: [LessonSummaryDTO]
}

/// `GET /courses/<id>/`: the listing's fields plus brief, chapters, options, the discount's end and, for the logged-in
/// user, whether they may watch it now and until when.
public struct CourseDetailDTO: ResponseEncodable, Sendable, Equatable {
    public let course: CourseListItemDTO
    public let brief: String
    public let level_name: String
    public let type_name: String
    /// 0 上线, 2 预上线 (listed but not yet sold).
    public let status: Int
    public let discount_end: Date?
    public let chapters: [CourseChapterDTO]
    public let expires: [CourseOptionDTO]
    public let enrolled: Bool
    public let out_time: Date?

    enum Keys: String, CodingKey {
        case brief, level_name, type_name, status, discount_end, chapters, expires, enrolled, out_time
    }

    /// The listing's fields flattened in, as DRF's nested serializer fields would be.
    public func encode(to encoder: any Encoder) throws {
        try course.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(brief, forKey: .brief)
        try container.encode(level_name, forKey: .level_name)
        try container.encode(type_name, forKey: .type_name)
        try container.encode(status, forKey: .status)
        try container.encode(discount_end, forKey: .discount_end)
        try container.encode(chapters, forKey: .chapters)
        try container.encode(expires, forKey: .expires)
        try container.encode(enrolled, forKey: .enrolled)
        try container.encode(out_time, forKey: .out_time)
    }
}

/// `GET /courses/<id>/lessons/<id>/`: a lesson someone may watch, with a signed media URL that expires.
public struct LessonDTO: ResponseEncodable, Sendable, Equatable {
    public let id: Int
    public let course: Int
    public let name: String
    public let section_type: Int
    public let duration: Int
    public let free_trail: Bool
    public let media_url: String?
    public let media_expires: Date?

    enum CodingKeys: String, CodingKey {
        case id, course, name, section_type, duration, free_trail, media_url, media_expires
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(course, forKey: .course)
        try container.encode(name, forKey: .name)
        try container.encode(section_type, forKey: .section_type)
        try container.encode(duration, forKey: .duration)
        try container.encode(free_trail, forKey: .free_trail)
        try container.encode(media_url, forKey: .media_url)
        try container.encode(media_expires, forKey: .media_expires)
    }
}

/// An enrolment as `GET /my/courses/` and `POST /courses/<id>/enrol/` answer it.
public struct MyCourseDTO: ResponseEncodable, Sendable, Equatable {
    public struct Course: Codable, Sendable, Equatable {
        public let id: Int
        public let name: String
        public let course_img: String
        public let lessons: Int
    }

    public let course: Course
    public let pay_time: Date
    /// Null: permanent.
    public let out_time: Date?
    public let expired: Bool
    public let buy_type: Int
    public let last_lesson: LessonSummaryDTO?

    enum CodingKeys: String, CodingKey {
        case course, pay_time, out_time, expired, buy_type, last_lesson
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(course, forKey: .course)
        try container.encode(pay_time, forKey: .pay_time)
        try container.encode(out_time, forKey: .out_time)
        try container.encode(expired, forKey: .expired)
        try container.encode(buy_type, forKey: .buy_type)
        try container.encode(last_lesson, forKey: .last_lesson)
    }
}
