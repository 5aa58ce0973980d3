import Hummingbird

/// Refusals of the course shop.
public enum CoursesError: DRFError, Equatable {
    /// The lesson needs an enrolment the caller does not have (or has let expire).
    case notEnrolled
    case notFree
    case notOnSale

    public var status: HTTPResponse.Status {
        switch self {
        case .notEnrolled: return .forbidden
        case .notFree, .notOnSale: return .badRequest
        }
    }

    public var body: ErrorBody {
        switch self {
        case .notEnrolled: return .detail("购买课程后才能学习该课时")
        case .notFree: return .nonField(["该课程不是免费课程"])
        case .notOnSale: return .nonField(["该课程尚未开售"])
        }
    }
}
