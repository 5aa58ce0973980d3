import Foundation
import HummingbirdTesting
@testable import App

extension TestEnvironment {
    /// A staff member holding the built-in role `role` (e.g. 订单客服), signed in to the shop.
    func staffMember(_ username: String, mobile: String, role: String) async throws -> (User, String) {
        let (user, token) = try await loggedInUser(username, mobile: mobile)
        let roles = StaffRoles(services: services)
        guard let id = try await roles.role(named: role)?.id else { throw TestSetupError(description: "no role \(role)") }
        try await roles.setRoles(userID: user.id!, roleIDs: [id], keepingASuperuser: false)
        return (user, token)
    }

    /// A cash-on-delivery order of two of SKU 1 (stock 5), waiting to ship.
    func cashOrderAwaitingShipment() async throws -> (order: OrderInfo, shopper: Shopper) {
        try await loadMeiduoSample()
        let shopper = try await shopper()
        try await setStock(1, 5)
        try await putInCart(shopper, skuID: 1, count: 2)
        return (try await placeOrder(shopper, payMethod: .cashOnDelivery), shopper)
    }

    func auditRows(_ filter: AuditTrail.Filter = .init()) async throws -> [AuditTrail.Row] {
        try await services.audit.search(filter, offset: 0, limit: 100).rows
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
}
