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
    case insufficientBalance
    case bidRefused(Bidding.Refusal)
    /// Too many bids on the lot at once to place this one: try again.
    case busy

    public var status: HTTPResponse.Status {
        switch self {
        case .unknownLot: return .notFound
        case .busy: return .conflict
        default: return .badRequest
        }
    }

    public var body: ErrorBody {
        switch self {
        case .unknownLot: return .detail("未找到。")
        case .notLive: return .nonField(["拍品不在拍卖中"])
        case .depositRequired: return .nonField(["请先缴纳保证金"])
        case .depositAlreadyPaid: return .nonField(["保证金已缴纳"])
        case .insufficientBalance: return .nonField(["余额不足"])
        case .bidRefused(let refusal): return .fields(["price": [refusal.rawValue]])
        case .busy: return .detail("出价的人太多了，请再试一次")
        }
    }
}
