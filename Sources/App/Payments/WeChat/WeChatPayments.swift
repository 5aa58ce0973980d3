import FluentKit
import Foundation
import Hummingbird
import MeiduoRules

/// WeChat Pay (Native) payments of orders: the `code_url` the buyer scans, and WeChat's notifications,
/// recorded with the same `PaymentRecorder` as Alipay's (trade id = WeChat's `transaction_id`).
public struct WeChatPayments: Sendable {
    public static let provider = "wechat"
    let services: AppServices
    let client: WeChatPayClient

    /// Throws `PaymentsError.notConfigured` (503) when WeChat Pay settings are missing.
    public init(services: AppServices) throws {
        guard let config = services.config.wechatPay else { throw PaymentsError.notConfigured }
        self.services = services
        self.client = WeChatPayClient(config: config, httpClient: services.httpClient)
    }

    var orders: OrderQueries { OrderQueries(services: services) }
    var payables: Payables { Payables(services: services) }
    var recorder: PaymentRecorder { PaymentRecorder(services: services) }

    /// `{code_url}` for the user's own unpaid WeChat Pay order; anything else is 订单信息有误.
    public func codeURL(orderID: String, userID: Int) async throws -> String {
        let order = try await orders.payableOrder(orderID, userID: userID, method: .wechat)
        return try await codeURL(for: Payable(order: order))
    }

    /// The `code_url` of anything payable (an order, a wallet recharge): WeChat charges its `payAmount`.
    public func codeURL(for payable: Payable) async throws -> String {
        do {
            return try await client.nativeCodeURL(orderID: payable.number, amountCents: payable.payAmount, description: payable.subject)
        } catch {
            services.logger.error("wechat pay native order failed", metadata: ["out_trade_no": "\(payable.number)", "error": "\(error)"])
            throw WeChatPayError.gatewayFailed
        }
    }

    /// Why a notification was not believed, or reports nothing to record.
    public enum Refusal: Error, Equatable, Sendable {
        case signature(WeChatPayClient.SignatureProblem)
        case malformed, undecryptable, foreignMerchant, unknownOrder, amountMismatch, missingTrade, notPaid(String)
    }

    struct Envelope: Decodable {
        var id: String?
        var event_type: String?
        var resource: WeChatPayResource
    }

    struct Transaction: Decodable {
        struct Amount: Decodable { var total: Int64; var currency: String? }
        var appid: String?
        var mchid: String?
        var out_trade_no: String?
        var transaction_id: String?
        var trade_state: String?
        var amount: Amount?
    }

    /// A notification checked (its signature over the body as sent) and opened: its event type and decrypted resource.
    /// Every notice, payment or refund, is read through here once.
    func opened(headers: WeChatPaySignatureHeaders, body: String, now: Date) -> Result<(event: String, plaintext: Data), Refusal> {
        if let problem = client.verify(headers, body: body, now: now) { return .failure(.signature(problem)) }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body.utf8)) else { return .failure(.malformed) }
        guard let plaintext = try? client.decrypt(envelope.resource) else { return .failure(.undecryptable) }
        return .success((envelope.event_type ?? "", plaintext))
    }

    /// Checks a notification (headers, then the decrypted transaction) and names the trade it vouches for.
    public func verifiedTrade(headers: WeChatPaySignatureHeaders, body: String, now: Date? = nil) async throws -> Result<VerifiedTrade, Refusal> {
        switch opened(headers: headers, body: body, now: now ?? services.clock.now()) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let notice): return try await verifiedTrade(plaintext: notice.plaintext)
        }
    }

    /// The trade a payment notice's decrypted transaction vouches for.
    func verifiedTrade(plaintext: Data) async throws -> Result<VerifiedTrade, Refusal> {
        guard let trade = try? JSONDecoder().decode(Transaction.self, from: plaintext) else { return .failure(.malformed) }
        guard trade.mchid == client.config.mchID, trade.appid == client.config.appID else { return .failure(.foreignMerchant) }
        let state = trade.trade_state ?? ""
        guard state == "SUCCESS" else { return .failure(.notPaid(state)) }
        guard let payable = try await payables.find(trade.out_trade_no) else { return .failure(.unknownOrder) }
        guard let amount = trade.amount, amount.total == payable.payAmount, (amount.currency ?? "CNY") == "CNY" else {
            return .failure(.amountMismatch)
        }
        guard let tradeID = trade.transaction_id, !tradeID.isEmpty, tradeID.count <= 100 else { return .failure(.missingTrade) }
        return .success(VerifiedTrade(number: payable.number, tradeID: tradeID, amountCents: amount.total, provider: Self.provider,
                                      kind: payable.kind))
    }

    /// `POST /payment/wechat/notify/`: records the payment once (however often it is delivered) and
    /// answers what was recorded, or the refusal; nothing changes on a refusal.
    public func handleNotification(headers: WeChatPaySignatureHeaders, body: String, now: Date? = nil) async throws -> Result<RecordOutcome, Refusal> {
        try await record(try await verifiedTrade(headers: headers, body: body, now: now), serial: headers.serial)
    }

    /// Records a verified trade; a refusal is logged and answered, nothing changing.
    func record(_ verified: Result<VerifiedTrade, Refusal>, serial: String?) async throws -> Result<RecordOutcome, Refusal> {
        switch verified {
        case .failure(let refusal):
            services.logger.warning("wechat pay notify refused", metadata: ["reason": "\(refusal)", "serial": "\(serial ?? "")"])
            return .failure(refusal)
        case .success(let trade):
            return .success(try await recorder.record(trade))
        }
    }
}

/// Refusals of the WeChat Pay endpoints beyond the shared `PaymentsError` ones.
public enum WeChatPayError: DRFError, Equatable, CustomStringConvertible {
    /// WeChat Pay could not be reached, refused the order, or answered without a valid signature.
    case gatewayFailed

    public var status: HTTPResponse.Status {
        switch self {
        case .gatewayFailed: return .badGateway
        }
    }

    public var body: ErrorBody {
        switch self {
        case .gatewayFailed: return .message("微信支付暂时不可用，请稍后再试")
        }
    }

    public var description: String {
        switch self {
        case .gatewayFailed: return "WeChat Pay native order failed"
        }
    }
}
