import Foundation

/// WeChat Pay refunds (API v3 申请退款 and 查询单笔退款): a refund is accepted as PROCESSING and finished later, so
/// an answer that is not yet SUCCESS is asked about again by out_refund_no.
extension WeChatPayClient {
    public static let refundPath = "/v3/refund/domestic/refunds"

    struct RefundRequest: Encodable {
        struct Amount: Encodable { var refund: Int64; var total: Int64; var currency = "CNY" }
        var transaction_id, out_refund_no, reason: String
        var amount: Amount
    }

    struct RefundReply: Decodable {
        var out_refund_no: String?
        var status: String?
    }

    /// `POST /v3/refund/domestic/refunds`: WeChat's status of the refund (SUCCESS, PROCESSING, ABNORMAL, CLOSED).
    public func requestRefund(_ refund: TradeRefund) async throws -> String {
        let request = RefundRequest(transaction_id: refund.tradeID, out_refund_no: refund.requestNo, reason: refund.reason,
                                    amount: .init(refund: refund.amount, total: refund.total))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try await refundStatus("POST", path: Self.refundPath, body: String(decoding: try encoder.encode(request), as: UTF8.self),
                                      requestNo: refund.requestNo)
    }

    /// `GET /v3/refund/domestic/refunds/{out_refund_no}`: where the refund stands now.
    public func queryRefund(requestNo: String) async throws -> String {
        let escaped = requestNo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? requestNo
        return try await refundStatus("GET", path: Self.refundPath + "/" + escaped, body: "", requestNo: requestNo)
    }

    private func refundStatus(_ method: String, path: String, body: String, requestNo: String) async throws -> String {
        let answer = try await sendVerified(method, path: path, body: body)
        guard let reply = try? JSONDecoder().decode(RefundReply.self, from: Data(answer.utf8)), reply.out_refund_no == requestNo,
              let state = reply.status else {
            throw WeChatPayClientError.malformedResponse(answer)
        }
        return state
    }
}

extension WeChatPayments: TradeRefunding {
    /// Asks for the refund (a repeated out_refund_no names the refund already asked for) and, while WeChat is still
    /// processing it, asks where it stands once; ABNORMAL (the buyer's account can't take it) and CLOSED are errors
    /// that leave the refund waiting for staff.
    public func refund(_ refund: TradeRefund) async throws -> TradeRefund.State {
        var state = try await client.requestRefund(refund)
        if state == "PROCESSING" { state = try await client.queryRefund(requestNo: refund.requestNo) }
        switch state {
        case "SUCCESS": return .done
        case "PROCESSING": return .processing
        default: throw WeChatPayClientError.rejected(status: 200, code: state, message: "refund \(refund.requestNo) is \(state)")
        }
    }
}
