import Foundation
import Hummingbird
import MeiduoRules

/// A ledger movement as the user center shows it: the wallet's in yuan strings, credits in points.
public struct LedgerEntryDTO: Codable, Sendable, Equatable {
    public let id: Int
    public let amount: String
    public let reason: String
    public let order_id: String?
    public let time: Date
    public let balance_after: String

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(amount, forKey: .amount)
        try container.encode(reason, forKey: .reason)
        try container.encode(order_id, forKey: .order_id)
        try container.encode(time, forKey: .time)
        try container.encode(balance_after, forKey: .balance_after)
    }
}

/// `GET /wallet/` and `GET /credits/`: the balance and a DRF page of the ledger, newest first.
public struct LedgerDTO: ResponseEncodable, Sendable {
    public let balance: String
    public let entries: Page<LedgerEntryDTO>
}

/// A wallet recharge: `POST /wallet/recharge/` answers it with where to pay (`alipay_url` to open, or WeChat's
/// `code_url` to draw as a QR code); `GET /wallet/recharges/<id>/` tells whether it is paid yet.
public struct RechargeDTO: ResponseEncodable, Sendable, Equatable {
    public let id: String
    public let amount: String
    public let pay_method: Int
    public let status: String
    public let create_time: Date
    public let paid_time: Date?
    public let alipay_url: String?
    public let code_url: String?

    init(_ recharge: WalletRecharges.Recharge, alipayURL: String? = nil, codeURL: String? = nil) {
        id = recharge.id
        amount = Money.format(cents: recharge.amount)
        pay_method = recharge.payMethod.rawValue
        status = recharge.status.rawValue
        create_time = recharge.createTime
        paid_time = recharge.paidTime
        alipay_url = alipayURL
        code_url = codeURL
    }

    enum CodingKeys: String, CodingKey {
        case id, amount, pay_method, status, create_time, paid_time, alipay_url, code_url
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(amount, forKey: .amount)
        try container.encode(pay_method, forKey: .pay_method)
        try container.encode(status, forKey: .status)
        try container.encode(create_time, forKey: .create_time)
        try container.encode(paid_time, forKey: .paid_time)
        try container.encode(alipay_url, forKey: .alipay_url)
        try container.encode(code_url, forKey: .code_url)
    }
}
