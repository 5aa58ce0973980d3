import Hummingbird

/// Refusals of coupons and campaigns, in the shapes the seeds' serializers give.
public enum PromotionsError: DRFError, Equatable {
    case badFormula
    case badWindow
    case couponNotFound
    case campaignNotFound
    case alreadyClaimed
    case notStarted
    case ended
    case soldOut
    /// At checkout: the coupon is not (any more) the shopper's unused, valid coupon.
    case couponUnavailable
    case couponRefused(String)

    public var status: HTTPResponse.Status {
        switch self {
        case .couponNotFound, .campaignNotFound: return .notFound
        default: return .badRequest
        }
    }

    public var body: ErrorBody {
        switch self {
        case .badFormula: return .fields(["sale": ["优惠公式应为 *0.82（折扣）或 -10（减免）"]])
        case .badWindow: return .nonField(["领取时间或数量不正确"])
        case .couponNotFound, .campaignNotFound: return .detail("未找到。")
        case .alreadyClaimed: return .nonField(["您已领取过该优惠券"])
        case .notStarted: return .nonField(["领取尚未开始"])
        case .ended: return .nonField(["领取已结束"])
        case .soldOut: return .nonField(["优惠券已领完"])
        case .couponUnavailable: return .fields(["coupon": ["优惠券不可用"]])
        case .couponRefused(let why): return .fields(["coupon": [why]])
        }
    }
}
