import MeiduoRules

extension OrderQueries {
    /// The user's own unpaid order awaiting `method`; anything else is 订单信息有误 (seed 004).
    func payableOrder(_ orderID: String, userID: Int, method: PayMethod) async throws -> OrderInfo {
        let order: OrderInfo
        do { order = try await self.order(orderID, userID: userID) } catch OrdersError.orderNotFound { throw PaymentsError.invalidOrder }
        guard order.status == OrderStatus.unpaid.rawValue, order.payMethod == method.rawValue else { throw PaymentsError.invalidOrder }
        return order
    }
}
