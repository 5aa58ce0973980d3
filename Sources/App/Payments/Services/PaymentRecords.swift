import Foundation
import SQLKit

/// The payments recorded for an order, as the back office shows them (Payments owns `payments`).
struct PaymentRecords {
    let services: AppServices

    struct Record: Sendable, Equatable {
        let provider: String
        let tradeID: String
        let amount: Int64
        let status: String
    }

    func of(orderID: String) async throws -> [Record] {
        try await services.readSQL().raw("""
            SELECT provider, trade_id, amount, status FROM payments WHERE order_id = \(bind: orderID) ORDER BY id
            """).all().map {
            Record(provider: try $0.decode(column: "provider", as: String.self), tradeID: try $0.decode(column: "trade_id", as: String.self),
                   amount: try $0.decode(column: "amount", as: Int64.self), status: try $0.decode(column: "status", as: String.self))
        }
    }
}
