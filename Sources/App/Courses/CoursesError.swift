import Hummingbird

/// Refusals of the course shop.
public enum CoursesError: DRFError, Equatable {
    /// The lesson needs an enrolment the caller does not have (or has let expire).
    case notEnrolled
    case notFree
    case notOnSale
    /// The course cart: a course that isn't listed, an option of another course, a free course (enrol instead), one
    /// owned for ever, a full cart, a course not in the cart.
    case unknownCourse
    case unknownOption
    case isFree
    case ownedForever
    case cartFull(Int)
    case notInCart
    /// A course can't be paid for on delivery.
    case cashOnDelivery

    public var status: HTTPResponse.Status {
        switch self {
        case .notEnrolled: return .forbidden
        case .notInCart: return .notFound
        default: return .badRequest
        }
    }

    public var body: ErrorBody {
        switch self {
        case .notEnrolled: return .detail("购买课程后才能学习该课时")
        case .notFree: return .nonField(["该课程不是免费课程"])
        case .notOnSale: return .nonField(["该课程尚未开售"])
        case .unknownCourse: return .fields(["course_id": ["课程不存在"]])
        case .unknownOption: return .fields(["expire_id": ["该课程没有这个有效期选项"]])
        case .isFree: return .nonField(["免费课程无需购买，直接报名即可"])
        case .ownedForever: return .nonField(["您已永久拥有该课程"])
        case .cartFull(let most): return .nonField(["购物车最多放\(most)门课程"])
        case .notInCart: return .detail("购物车中没有该课程")
        case .cashOnDelivery: return .fields(["pay_method": ["课程不支持货到付款"]])
        }
    }
}
