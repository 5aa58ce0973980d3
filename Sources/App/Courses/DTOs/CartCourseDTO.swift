import Foundation
import Hummingbird
import MeiduoRules

/// A course in the course cart (seed 002's cart line: `course_id`, `course_name`, `course_img`, `price`, `real_price`,
/// `selected`, `expire_text`), with the option chosen (`expire_id`, 0 for a course's only, permanent option) and every
/// option to change to.
public struct CartCourseDTO: ResponseEncodable, Sendable, Equatable {
    public let course_id: Int
    public let course_name: String
    public let course_img: String
    public let expire_id: Int
    public let expire_time: Int
    public let expire_text: String
    /// The option's price, and what it costs now (a running limited-time discount applied).
    public let price: String
    public let real_price: String
    public let discount_type: String
    public let selected: Bool
    public let expires: [CourseOptionDTO]
}

/// `GET /cart/courses/`: the lines, and what the ticked ones cost together now.
public struct CourseCartDTO: ResponseEncodable, Sendable, Equatable {
    public let count: Int
    public let selected_count: Int
    public let total: String
    public let results: [CartCourseDTO]
}
