import Hummingbird
import Logging

/// Turns every error into a JSON answer in DRF's shape: framework errors keep their status,
/// anything unexpected is logged and answered 500 without leaking internals.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any DRFError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            return Self.frameworkErrorResponse(error)
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return Response.json(status: error.status, data: ErrorBody.detail(error.status.reasonPhrase).jsonData)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Response.json(status: .internalServerError, data: ErrorBody.detail("服务器内部错误。").jsonData)
        }
    }

    static func frameworkErrorResponse(_ error: HTTPError) -> Response {
        let text: String
        switch error.status {
        case .notFound: text = "未找到。"
        case .methodNotAllowed: text = "方法不被允许。"
        case .contentTooLarge: text = "请求体过大。"
        case .badRequest: text = error.body ?? "请求格式错误。"
        case .unsupportedMediaType: text = "不支持请求中的媒体类型。"
        default: text = error.body ?? error.status.reasonPhrase
        }
        var response = Response.json(status: error.status, data: ErrorBody.detail(text).jsonData)
        for field in error.headers where field.name != .contentType && field.name != .contentLength {
            response.headers.append(field)
        }
        return response
    }
}
