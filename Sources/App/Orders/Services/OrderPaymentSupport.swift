import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// What the Payments domain needs from orders: finding an order a provider names, the unpaid online
/// orders worth asking the provider about, and cancelling a paid order whose money goes back.
extension OrderQueries {
    /// Any user's order by number (a payment provider names it, not a user), or nil.
    public func find(_ orderID: String, on database: (any Database)? = nil) async throws -> OrderInfo? {
        try await OrderInfo.find(orderID, on: database ?? services.db())
    }

    /// Unpaid orders of `payMethod` placed before `createdBefore`, oldest first.
    public func unpaidOrderIDs(payMethod: PayMethod, createdBefore: Date, limit: Int) async throws -> [String] {
        try await OrderInfo.query(on: services.db())
            .filter(\.$status == OrderStatus.unpaid.rawValue)
            .filter(\.$payMethod == payMethod.rawValue)
            .filter(\.$createTime < createdBefore)
            .sort(\.$createTime).limit(limit).all().compactMap(\.id)
    }
}
