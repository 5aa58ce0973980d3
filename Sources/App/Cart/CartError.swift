import Hummingbird

/// Refusals of the cart endpoints.
public enum CartError: DRFError, Equatable {
    case skuNotFound
    case insufficientStock
    /// `DELETE /cart/` names a SKU the shop doesn't have (the delete serializer's field validator).
    case unknownSKUToDelete
    case tooManyLines(Int)
    /// A line's count would pass what a cart line (and the cookie) can hold.
    case countTooLarge(Int)

    public var status: HTTPResponse.Status { .badRequest }

    public var body: ErrorBody {
        switch self {
        // The original's CartSerializer checked both in validate(): the front end shows non_field_errors[0].
        case .skuNotFound: return .nonField(["商品不存在"])
        case .insufficientStock: return .nonField(["商品库存不足"])
        case .unknownSKUToDelete: return .fields(["sku_id": ["商品不存在"]])
        case .tooManyLines(let n): return .nonField(["购物车最多只能放\(n)种商品"])
        case .countTooLarge(let n): return .fields(["count": [DRFMessage.maxValue(n)]])
        }
    }
}
