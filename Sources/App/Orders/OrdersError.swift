import Hummingbird

/// Refusals of the order endpoints. Placement refusals are a bare JSON list (`["…库存不足"]`), as the
/// original raised them and the Meiduo front end shows `data[0]`.
public enum OrdersError: DRFError, Equatable {
    case invalidAddress
    case invalidPayMethod
    case nothingSelected
    case insufficientStock(String)
    case skuUnavailable(String)
    case orderNotFound
    case illegalTransition(String)
    case alreadyCommented
    case notCommentable

    public var status: HTTPResponse.Status {
        switch self {
        case .orderNotFound: return .notFound
        default: return .badRequest
        }
    }

    public var body: ErrorBody {
        switch self {
        case .invalidAddress: return .list(["收货地址无效"])
        case .invalidPayMethod: return .list(["支付方式错误"])
        case .nothingSelected: return .list(["购物车中没有勾选的商品"])
        case .insufficientStock(let name): return .list(["\(name)库存不足"])
        case .skuUnavailable(let name): return .list(["\(name)已下架"])
        case .orderNotFound: return .detail("未找到。")
        case .illegalTransition(let message): return .message(message)
        case .alreadyCommented: return .message("该商品已评价")
        case .notCommentable: return .message("订单当前不能评价")
        }
    }
}
