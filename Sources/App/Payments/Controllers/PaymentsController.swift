import Hummingbird
import MeiduoRules
import NIOCore

/// Payment endpoints of seed 000 (支付) plus Alipay's server-to-server notification and the staff refund.
struct PaymentsController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.get("orders/:order_id/payment", use: paymentURL)
        routes.open.put("payment/status", use: paymentStatus)
        routes.open.post("payment/alipay/notify", use: alipayNotify)
        routes.staff(.orders, .write).put("orders/:order_id/refund", use: refund)
    }

    /// The signed Alipay cashier URL for the user's unpaid order (201, as the original view answered).
    @Sendable func paymentURL(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AlipayURLDTO> {
        let user = try context.requireUser()
        let alipay = try AlipayPayments(services: services)
        let url = try await alipay.paymentURL(orderID: try context.parameters.require("order_id"), userID: user.id)
        return EditedResponse(status: .created, response: AlipayURLDTO(alipay_url: url))
    }

    /// The return the front end forwards: the query string is Alipay's, signature and all.
    @Sendable func paymentStatus(_ request: Request, context: AppRequestContext) async throws -> TradeDTO {
        let alipay = try AlipayPayments(services: services)
        guard let params = FormURLEncoding.decode(request.uri.query ?? "") else { throw PaymentsError.illegalRequest }
        return TradeDTO(trade_id: try await alipay.handleReturn(params))
    }

    /// Alipay's asynchronous notification: a form POST answered with the plain text `success` or `failure`.
    @Sendable func alipayNotify(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        guard let alipay = try? AlipayPayments(services: services),
              let body = try? await request.collectBody(upTo: 1 << 16),
              let params = FormURLEncoding.decode(String(buffer: body)) else { return Self.plain("failure") }
        do {
            return Self.plain(try await alipay.handleNotification(params) ? "success" : "failure")
        } catch {
            // Alipay retries a `failure` later (up to 8 times over 25 hours), which is what a passing fault needs.
            context.logger.error("alipay notify not recorded", metadata: ["error": "\(String(reflecting: error))"])
            return Self.plain("failure")
        }
    }

    /// Staff cancel a paid, unshipped order and the money goes back to the buyer, through Alipay or WeChat Pay.
    @Sendable func refund(_ request: Request, context: AppRequestContext) async throws -> RefundDTO {
        let orderID = try context.parameters.require("order_id")
        guard orderID.count <= 64, orderID.allSatisfy(\.isNumber) else { throw PaymentsError.notRefundable }
        return try await OrderRefunds(services: services).refundOrder(orderID: orderID)
    }

    static func plain(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
