import Foundation
import Hummingbird

/// The JSON shapes Django REST framework gives errors, which the Meiduo front end reads.
public enum ErrorBody: Sendable, Equatable {
    /// `{"detail": "…"}` — 401, 403, 404, 405, 429.
    case detail(String)
    /// `{"field": ["…"], …}` — field validation.
    case fields([String: [String]])
    /// `{"non_field_errors": ["…"]}` — cross-field validation.
    case nonField([String])
    /// `{"message": "…"}` — endpoints of the seed that answer this way.
    case message(String)
    /// `["…"]` — a bare list, as `serializers.ValidationError("…")` raised in a view gives.
    case list([String])

    var jsonData: Data {
        let object: Any
        switch self {
        case .detail(let text): object = ["detail": text]
        case .fields(let fields): object = fields
        case .nonField(let messages): object = ["non_field_errors": messages]
        case .message(let text): object = ["message": text]
        case .list(let messages): object = messages
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}

/// An error a domain throws: a status plus one of the DRF bodies.
public protocol DRFError: HTTPResponseError {
    var body: ErrorBody { get }
}

extension DRFError {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(status: status, data: body.jsonData)
    }
}

/// Errors every domain may raise, in the shapes and Chinese wording DRF uses.
public struct APIError: DRFError, Equatable {
    public let status: HTTPResponse.Status
    public let body: ErrorBody

    public init(_ status: HTTPResponse.Status, _ body: ErrorBody) {
        self.status = status
        self.body = body
    }

    public static func field(_ name: String, _ message: String) -> APIError {
        APIError(.badRequest, .fields([name: [message]]))
    }
    public static func nonField(_ message: String) -> APIError { APIError(.badRequest, .nonField([message])) }
    public static func message(_ message: String, status: HTTPResponse.Status = .badRequest) -> APIError {
        APIError(status, .message(message))
    }
    public static let notAuthenticated = APIError(.unauthorized, .detail("身份认证信息未提供。"))
    public static let tokenExpired = APIError(.unauthorized, .detail("签名已过期。"))
    public static let tokenInvalid = APIError(.unauthorized, .detail("签名解析失败。"))
    /// A valid token whose account is gone (DRF: the user lookup fails) or disabled (User account is disabled.).
    public static let accountGone = APIError(.unauthorized, .detail("用户不存在或已被删除。"))
    public static let accountDisabled = APIError(.unauthorized, .detail("用户账户已禁用。"))
    public static let permissionDenied = APIError(.forbidden, .detail("您没有执行该操作的权限。"))
    public static let notFound = APIError(.notFound, .detail("未找到。"))
    public static let invalidPage = APIError(.notFound, .detail("无效页面。"))
    public static let malformedBody = APIError(.badRequest, .detail("请求体格式错误。"))
    public static let unsupportedMediaType = APIError(.unsupportedMediaType, .detail("不支持请求中的媒体类型。"))
    public static let bodyTooLarge = APIError(.contentTooLarge, .detail("请求体过大。"))
    public static func throttled(retryAfter seconds: Int) -> APIError {
        APIError(.tooManyRequests, .detail("请求超过了限速。请在\(seconds)秒后再试。"))
    }
}

extension Response {
    static func json(status: HTTPResponse.Status = .ok, data: Data) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
