import Hummingbird
import MeiduoRules

/// Refusals of the auction house.
public enum AuctionsError: DRFError, Equatable {
    case unknownLot
    /// Not taking bids by the server clock (not started, ended, settled).
    case notLive
    /// No paid deposit covers the lot.
    case depositRequired
    case depositAlreadyPaid
    /// The lot (or session) asks no deposit of its own.
    case noDepositAsked
    /// Staff changed the deposit between reading it and paying it: read it again.
    case depositChanged
    case insufficientBalance
    case bidRefused(Bidding.Refusal)
    case unknownOrder
    /// The order is not (any more) waiting for its payment.
    case orderNotUnpaid
    /// Past its 24-hour deadline: forfeited.
    case orderOverdue
    /// Something is left to pay and no provider was chosen.
    case payMethodRequired
    case orderNotShippable
    case orderNotShipped
    /// Too many bids on the lot at once to place this one: try again.
    case busy
    /// The order's payment lost too many races (with itself, the wallet, the deadline): try again.
    case paymentBusy

    public var status: HTTPResponse.Status {
        switch self {
        case .unknownLot, .unknownOrder: return .notFound
        case .busy, .paymentBusy: return .conflict
        default: return .badRequest
        }
    }

    public var body: ErrorBody {
        switch self {
        case .unknownLot, .unknownOrder: return .detail("未找到。")
        case .orderNotUnpaid: return .nonField(["订单不是待支付状态"])
        case .orderOverdue: return .nonField(["订单已逾期，无法支付"])
        case .payMethodRequired: return .fields(["pay_type": ["余额不足，请选择微信支付或支付宝支付余下金额"]])
        case .orderNotShippable: return .nonField(["订单未支付或已发货"])
        case .orderNotShipped: return .nonField(["订单尚未发货"])
        case .notLive: return .nonField(["拍品不在拍卖中"])
        case .depositRequired: return .nonField(["请先缴纳保证金"])
        case .depositAlreadyPaid: return .nonField(["保证金已缴纳"])
        case .noDepositAsked: return .nonField(["无需缴纳此项保证金"])
        case .depositChanged: return .nonField(["保证金金额刚刚调整了，请刷新后再缴纳"])
        case .insufficientBalance: return .nonField(["余额不足"])
        case .bidRefused(let refusal): return .fields(["price": [refusal.rawValue]])
        case .busy: return .detail("出价的人太多了，请再试一次")
        case .paymentBusy: return .detail("支付繁忙，请稍后再试")
        }
    }
}
