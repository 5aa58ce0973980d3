import Hummingbird

/// Refusals of the cart endpoints.
public enum CartError: DRFError, Equatable {
    case skuNotFound
    case insufficientStock
    case tooManyLines(Int)
    /// A line's count would pass what a cart line (and the cookie) can hold.
    case countTooLarge(Int)

    public var status: HTTPResponse.Status { .badRequest }

    public var body: ErrorBody {
        switch self {
        case .skuNotFound: return .fields(["sku_id": ["商品不存在"]])
        case .insufficientStock: return .fields(["count": ["库存不足"]])
        case .tooManyLines(let n): return .nonField(["购物车最多只能放\(n)种商品"])
        case .countTooLarge(let n): return .fields(["count": [DRFMessage.maxValue(n)]])
        }
    }
}
