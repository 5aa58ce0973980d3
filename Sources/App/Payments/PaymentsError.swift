import Hummingbird

/// Refusals of the payment endpoints, in the `{"message": …}` shape of the original views.
public enum PaymentsError: DRFError, Equatable {
    /// Alipay settings are missing: the shop runs, payments wait for configuration.
    case notConfigured
    /// Not the user's own unpaid Alipay order (seed 004: 订单信息有误).
    case invalidOrder
    /// A return whose signature, app or amount does not check out (seed 004: 非法请求).
    case illegalRequest
    /// The money arrived for an order that can no longer be fulfilled; it is recorded for refund.
    case paidAfterCancel
    case notRefundable

    public var status: HTTPResponse.Status {
        switch self {
        case .notConfigured: return .serviceUnavailable
        case .illegalRequest: return .forbidden
        case .invalidOrder, .paidAfterCancel, .notRefundable: return .badRequest
        }
    }

    public var body: ErrorBody {
        switch self {
        case .notConfigured: return .message("支付服务未配置")
        case .invalidOrder: return .message("订单信息有误")
        case .illegalRequest: return .message("非法请求")
        case .paidAfterCancel: return .message("订单已取消，支付款项将原路退回")
        case .notRefundable: return .message("只有已支付且未发货的订单可以退款")
        }
    }
}
