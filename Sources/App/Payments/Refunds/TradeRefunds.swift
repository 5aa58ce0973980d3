import Foundation

/// Giving part or all of a provider's trade back to the buyer (a deposit paid at Alipay's or WeChat Pay's cashier
/// goes back there, not to the wallet). `requestNo` is ours and unique per refund: both providers refund a repeated
/// request number only once, so a job that retries after a lost answer can't give money back twice.
public struct TradeRefund: Sendable, Equatable {
    /// Our number of the trade (`out_trade_no`: the order's or the recharge's).
    public let outTradeNo: String
    /// The provider's number of the trade (Alipay's `trade_no`, WeChat's `transaction_id`).
    public let tradeID: String
    public let requestNo: String
    public let amount: Int64
    /// What the whole trade took (WeChat asks for it with every refund).
    public let total: Int64
    public let reason: String

    public enum State: Sendable, Equatable {
        /// The provider has sent the money back.
        case done
        /// The provider took the refund and will finish it later (WeChat's PROCESSING): ask again.
        case processing
    }
}

/// A provider that can refund trades: Alipay (`alipay.trade.refund`) and WeChat Pay (`/v3/refund/domestic/refunds`).
public protocol TradeRefunding: Sendable {
    func refund(_ refund: TradeRefund) async throws -> TradeRefund.State
}

/// The refunding client of the provider a trade went through.
enum TradeRefunders {
    /// Throws `PaymentsError.notConfigured` when that provider's settings are missing (the job then retries, so a
    /// refund waits for the settings rather than being lost).
    static func refunder(provider: String, services: AppServices) throws -> any TradeRefunding {
        switch provider {
        case WeChatPayments.provider: return try WeChatPayments(services: services)
        default: return try AlipayPayments(services: services)
        }
    }
}
