import Foundation
import MeiduoRules

/// Something a shopper pays through a provider, known to the provider by its number (`out_trade_no`): an order, or
/// a wallet recharge. Checking a provider's report (signature, app, amount) is the same for both; only recording
/// the money differs (`PaymentRecorder`).
public struct Payable: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case order, recharge
    }

    public let number: String
    public let kind: Kind
    public let userID: Int
    /// What the provider must charge: an order's `pay_amount`, a recharge's amount.
    public let payAmount: Int64
    public let payMethod: PayMethod?
    /// Still waiting for its money (an unpaid order, an unpaid recharge).
    public let awaitingPayment: Bool

    /// The line the buyer sees at the cashier.
    public var subject: String {
        kind == .order ? "美多商城\(number)" : "美多商城余额充值\(number)"
    }

    init(order: OrderInfo) {
        number = order.id ?? ""
        kind = .order
        userID = order.userID
        payAmount = order.payAmount
        payMethod = PayMethod(rawValue: order.payMethod)
        awaitingPayment = order.status == OrderStatus.unpaid.rawValue
    }

    init(recharge: WalletRecharges.Recharge) {
        number = recharge.id
        kind = .recharge
        userID = recharge.userID
        payAmount = recharge.amount
        payMethod = recharge.payMethod
        awaitingPayment = recharge.status == .unpaid
    }
}

/// Finds what an `out_trade_no` names, if it is one of ours: order numbers are digits, recharge numbers `R` + digits.
struct Payables: Sendable {
    let services: AppServices

    func find(_ outTradeNo: String?) async throws -> Payable? {
        guard let number = outTradeNo, !number.isEmpty, number.utf8.count <= 64 else { return nil }
        if RechargeRules.isRechargeNumber(number) {
            return try await WalletRecharges(services: services).find(number).map(Payable.init(recharge:))
        }
        guard number.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return try await OrderQueries(services: services).find(number).map(Payable.init(order:))
    }
}
