import Hummingbird

/// Refusals of the order endpoints. A stock refusal at placement is a bare JSON list (`["…库存不足"]`), as the
/// original raised it while saving and the Meiduo front end shows `data[0]`; the address and pay method are the
/// serializer's fields (a related key and a choice) and are refused as fields.
public enum OrdersError: DRFError, Equatable {
    case invalidAddress(Int)
    /// Goods are selected, so the order needs an address.
    case addressRequired
    case invalidPayMethod(Int)
    case nothingSelected
    case insufficientStock(String)
    case skuUnavailable(String)
    case orderNotFound
    case illegalTransition(String)
    case alreadyCommented
    case notCommentable
    /// More credits than the order may take (the most it may).
    case tooManyCredits(Int)
    case insufficientCredits
    case insufficientBalance

    public var status: HTTPResponse.Status {
        switch self {
        case .orderNotFound: return .notFound
        default: return .badRequest
        }
    }

    public var body: ErrorBody {
        switch self {
        case .invalidAddress(let id): return .fields(["address": ["无效主键 “\(id)” － 对象不存在。"]])
        case .addressRequired: return .fields(["address": ["该字段是必填项。"]])
        case .invalidPayMethod(let method): return .fields(["pay_method": ["“\(method)” 不是合法选项。"]])
        case .nothingSelected: return .list(["购物车中没有勾选的商品"])
        case .insufficientStock(let name): return .list(["\(name)库存不足"])
        case .skuUnavailable(let name): return .list(["\(name)已下架"])
        case .orderNotFound: return .detail("未找到。")
        case .illegalTransition(let message): return .message(message)
        case .alreadyCommented: return .message("该商品已评价")
        case .notCommentable: return .message("订单当前不能评价")
        case .tooManyCredits(let most): return .fields(["credit": ["本单最多可使用\(most)积分"]])
        case .insufficientCredits: return .fields(["credit": ["积分不足"]])
        case .insufficientBalance: return .fields(["use_balance": ["余额不足"]])
        }
    }
}
