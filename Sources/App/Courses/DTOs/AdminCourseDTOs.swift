import Foundation
import Hummingbird

/// A course category or a teacher as the back office lists it, with how many courses it has.
public struct AdminCourseRefDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let courses: Int
}

public struct AdminCourseRowDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let category: String
    public let teacher: String
    public let price: String
    /// 0 上线, 1 下线, 2 预上线.
    public let status: Int
    public let students: Int
    public let lessons: Int
}

public struct AdminCourseOptionDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    /// 0: 永久有效.
    public let days: Int
    public let expire_text: String
    public let price: String
}

public struct AdminLessonDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let orders: Int
    public let name: String
    /// 0 文档, 1 练习, 2 视频.
    public let section_type: Int
    public let duration: Int
    public let free_trail: Bool
    public let pub_date: Date
    /// Whether a video or document was uploaded for it.
    public let has_media: Bool
}

public struct AdminChapterDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let chapter: Int
    public let name: String
    public let summary: String
    public let lessons: [AdminLessonDTO]
}

public struct AdminCourseDiscountDTO: Codable, Sendable, Equatable {
    public let name: String
    public let sale: String
    public let start: Date
    public let end: Date
}

public struct AdminCourseDTO: ResponseCodable, Sendable, Equatable {
    public let id: Int
    public let name: String
    public let category_id: Int
    public let teacher_id: Int
    public let course_type: Int
    public let level: Int
    public let status: Int
    public let brief: String
    public let price: String
    public let course_img: String
    @Nullable public var discount: AdminCourseDiscountDTO?
    public let students: Int
    public let options: [AdminCourseOptionDTO]
    public let chapters: [AdminChapterDTO]
}

public struct AdminEnrolmentDTO: Codable, Sendable, Equatable {
    public let user_id: Int
    public let username: String
    /// seed 002 buy_type: 0 支付宝, 1 微信, 2 免费, 3 赠送, 4 系统, 5 余额.
    public let buy_type: Int
    @Nullable public var pay_time: Date?
    /// Nil: permanent.
    @Nullable public var out_time: Date?
}
