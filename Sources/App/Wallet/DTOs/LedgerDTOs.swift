import Foundation
import Hummingbird

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
