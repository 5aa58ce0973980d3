import Foundation
import FluentKit

/// WeChat Pay refunds (API v3 申请退款 and 查询单笔退款): a refund is accepted as PROCESSING and finished later, so
/// an answer that is not yet SUCCESS is asked about again by out_refund_no.
extension WeChatPayClient {
    public static let refundPath = "/v3/refund/domestic/refunds"

    struct RefundRequest: Encodable {
        struct Amount: Encodable { var refund: Int64; var total: Int64; var currency = "CNY" }
        /// Where WeChat Pay says the refund is done (REFUND.SUCCESS): the payment notification's endpoint.
        var transaction_id, out_refund_no, reason, notify_url: String
        var amount: Amount
    }

    struct RefundReply: Decodable {
        var out_refund_no: String?
        var status: String?
    }

    /// `POST /v3/refund/domestic/refunds`: WeChat's status of the refund (SUCCESS, PROCESSING, ABNORMAL, CLOSED).
    public func requestRefund(_ refund: TradeRefund) async throws -> String {
        let request = RefundRequest(transaction_id: refund.tradeID, out_refund_no: refund.requestNo, reason: refund.reason,
                                    notify_url: config.notifyURL, amount: .init(refund: refund.amount, total: refund.total))
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

/// WeChat Pay's refund notifications (REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED) at the payment notification's
/// endpoint: a refund that was still PROCESSING when asked is finished by the notice, so the buyer's order or deposit
/// shows 已退款 without waiting for the job's next question.
extension WeChatPayments {
    struct RefundNotice: Decodable {
        struct Amount: Decodable { var total: Int64?; var refund: Int64 }
        var mchid: String?
        var out_refund_no: String?
        var transaction_id: String?
        var refund_status: String?
        var amount: Amount?
    }

    /// Any notification: refunds by their event type, payments otherwise. Answers what it did, for the log.
    public func handleNotice(headers: WeChatPaySignatureHeaders, body: String, now: Date? = nil) async throws -> Result<String, Refusal> {
        let opened: (event: String, plaintext: Data)
        switch self.opened(headers: headers, body: body, now: now ?? services.clock.now()) {
        case .failure(let refusal):
            services.logger.warning("wechat pay notify refused", metadata: ["reason": "\(refusal)", "serial": "\(headers.serial ?? "")"])
            return .failure(refusal)
        case .success(let notice): opened = notice
        }
        guard opened.event.hasPrefix("REFUND.") else {
            return try await record(try await verifiedTrade(plaintext: opened.plaintext), serial: headers.serial).map { "\($0)" }
        }
        let plaintext = opened.plaintext
        guard let notice = try? JSONDecoder().decode(RefundNotice.self, from: plaintext), let number = notice.out_refund_no,
              let amount = notice.amount?.refund else { return .failure(.malformed) }
        guard notice.mchid == client.config.mchID else { return .failure(.foreignMerchant) }
        guard notice.refund_status == "SUCCESS" else {
            // ABNORMAL (the buyer's account can't take it) or CLOSED: the refund stays 待退款 and its job keeps failing
            // where staff see it; WeChat is told the notice arrived.
            services.logger.warning("wechat pay refund not done", metadata: ["out_refund_no": "\(number)", "status": "\(notice.refund_status ?? "")"])
            return .success("refund \(number) \(notice.refund_status ?? "")")
        }
        return try await refundDone(number: number, tradeID: notice.transaction_id, amount: amount)
    }

    /// Marks the refund `number` done with whoever owns it: an order payment (`refund-<transaction_id>`, the whole
    /// payment) or an auction deposit's 待退款 record. A notice matching neither is refused.
    func refundDone(number: String, tradeID: String?, amount: Int64) async throws -> Result<String, Refusal> {
        if let tradeID, number == OrderRefunds.requestNo(tradeID: tradeID) {
            guard let payment = try await Payment.query(on: services.db()).filter(\.$tradeID == tradeID).first(),
                  payment.provider == Self.provider else { return .failure(.unknownOrder) }
            guard payment.amount == amount else { return .failure(.amountMismatch) }
            try await OrderRefunds(services: services).markRefunded(tradeID: tradeID)
            return .success("refund \(number) done")
        }
        let deposits = AuctionDepositRefunds(services: services)
        if try await deposits.markRefunded(uid: number, amount: amount) { return .success("deposit refund \(number) done") }
        // A repeated notice finds the record done already: acknowledged, not refused.
        guard try await deposits.isRefunded(uid: number) else { return .failure(.unknownOrder) }
        return .success("deposit refund \(number) done before")
    }
}
