import Foundation
import SQLKit
@testable import App

/// Coupons, campaigns and ledger money put in place through the domains' own functions.
extension TestEnvironment {
    func couponTemplate(_ sale: String = "-10", name: String = "满100减10", thresholdYuan: Int = 0, timerDays: Int? = 30,
                        categoryID: Int? = nil) async throws -> Promotions.Template {
        try await Promotions(services: services).createTemplate(.init(name: name, sale: sale, thresholdYuan: thresholdYuan, timerDays: timerDays,
                                                                      scope: categoryID == nil ? "all" : "category", scopeID: categoryID))
    }

    /// A coupon of a new template granted to the user (for one category's products when `categoryID` is given); its user-coupon id.
    func grantCoupon(to userID: Int, sale: String = "-10", name: String = "满100减10", thresholdYuan: Int = 0, categoryID: Int? = nil) async throws -> Int {
        let template = try await couponTemplate(sale, name: name, thresholdYuan: thresholdYuan, categoryID: categoryID)
        return try await Promotions(services: services).grant(couponID: template.id, userID: userID).id
    }

    /// Puts `amount` on the user's ledger as a staff adjustment would.
    func give(_ kind: Ledger.Kind, _ amount: Int64, to userID: Int) async throws {
        try await services.planExecutor.execute(Ledger(kind, services: services).creditSteps(
            userID: userID, amount: amount, reason: .staffAdjustment, note: "测试", now: services.clock.now()))
    }

    func balance(_ kind: Ledger.Kind, of userID: Int) async throws -> Int64 {
        try await Ledger(kind, services: services).balance(userID: userID)
    }

    /// The ledger's rule: the balance equals the sum of its entries.
    func ledgerBalances(_ kind: Ledger.Kind, of userID: Int) async throws -> Bool {
        let ledger = Ledger(kind, services: services)
        return try await ledger.balance(userID: userID) == ledger.entriesSum(userID: userID)
    }

    func couponStatus(_ userCouponID: Int) async throws -> Int {
        try await services.sql().raw("SELECT status FROM user_coupons WHERE id = \(bind: userCouponID)").first()!.decode(column: "status", as: Int.self)
    }

    func setPrice(_ skuID: Int, _ cents: Int64) async throws {
        try await services.sql().raw("UPDATE skus SET price = \(bind: cents) WHERE id = \(bind: skuID)").run()
    }

    /// A shopper (with an address) whose cart holds one SKU 1 priced `price`, stock 10.
    func shopperWithSKU1(at price: Int64) async throws -> Shopper {
        try await loadMeiduoSample()
        let shopper = try await self.shopper()
        try await setStock(1, 10)
        try await setPrice(1, price)
        try await putInCart(shopper, skuID: 1, count: 1)
        return shopper
    }

    func orderCount() async throws -> Int {
        try await services.sql().raw("SELECT COUNT(*) AS n FROM order_info").first()!.decode(column: "n", as: Int.self)
    }
}
