import Foundation
import Hummingbird
import NIOCore

public struct WeChatCodeURLDTO: ResponseEncodable, Sendable {
    public let code_url: String
}

/// WeChat Pay (Native) endpoints: the QR code's `code_url` for the front end, and WeChat's notification.
struct WeChatPayController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.get("orders/:order_id/wechatpay", use: codeURL)
        routes.open.post("payment/wechat/notify", use: notify)
    }

    /// `{code_url}` for the user's own unpaid WeChat Pay order, to be drawn as a QR code.
    @Sendable func codeURL(_ request: Request, context: AppRequestContext) async throws -> WeChatCodeURLDTO {
        let user = try context.requireUser()
        let wechat = try WeChatPayments(services: services)
        return WeChatCodeURLDTO(code_url: try await wechat.codeURL(orderID: try context.parameters.require("order_id"), userID: user.id))
    }

    /// WeChat's notification of a payment or a refund: 200 `{"code":"SUCCESS"}` once recorded; otherwise 4xx/5xx with
    /// `{"code":"FAIL","message":…}`, which WeChat retries (up to 15 times over 24 hours).
    @Sendable func notify(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        guard let wechat = try? WeChatPayments(services: services) else { return Self.fail(.serviceUnavailable, "支付服务未配置") }
        guard let buffer = try? await request.collectBody(upTo: 1 << 16) else { return Self.fail(.badRequest, "请求体过大") }
        let fields = request.headers
        let headers = WeChatPaySignatureHeaders { name in fields.first { $0.name.canonicalName == name.lowercased() }?.value }
        do {
            switch try await wechat.handleNotice(headers: headers, body: String(buffer: buffer)) {
            case .success: return Self.answer(.ok, ["code": "SUCCESS"])
            case .failure(.signature): return Self.fail(.unauthorized, "签名错误")
            case .failure(.malformed), .failure(.undecryptable): return Self.fail(.badRequest, "报文无法解析")
            case .failure(let refusal): return Self.fail(.badRequest, "通知未被接受: \(refusal)")
            }
        } catch {
            context.logger.error("wechat pay notify not recorded", metadata: ["error": "\(String(reflecting: error))"])
            return Self.fail(.internalServerError, "系统繁忙")
        }
    }

    static func fail(_ status: HTTPResponse.Status, _ message: String) -> Response {
        answer(status, ["code": "FAIL", "message": message])
    }

    static func answer(_ status: HTTPResponse.Status, _ object: [String: String]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
