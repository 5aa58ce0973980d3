import Hummingbird

public struct AlipayURLDTO: ResponseEncodable, Sendable {
    public let alipay_url: String
}

public struct TradeDTO: ResponseEncodable, Sendable {
    public let trade_id: String
}

public struct RefundDTO: ResponseEncodable, Sendable {
    public let order_id: String
    public let trade_id: String
    public let refund_amount: String
    /// `refunded` when Alipay confirmed it; `refund_required` while a job retries the call.
    public let status: String
}
