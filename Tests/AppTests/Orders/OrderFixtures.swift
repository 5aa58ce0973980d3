import FluentKit
import Foundation
import MeiduoRules
@testable import App

/// A shopper ready to check out: a user, an address and a cart.
struct Shopper: Sendable {
    let userID: Int
    let token: String
    let addressID: Int
}

extension TestEnvironment {
    func shopper(_ username: String = "buyer0001", mobile: String = "13812340000") async throws -> Shopper {
        let (user, token) = try await loggedInUser(username, mobile: mobile)
        let address = try await AddressService(services: services).create(userID: user.id!, input: AddressInput(
            title: "家", receiver: "张三", provinceID: 110000, cityID: 110100, districtID: 110101,
            place: "东长安街1号", mobile: mobile, tel: "", email: ""))
        return Shopper(userID: user.id!, token: token, addressID: address.id)
    }

    func putInCart(_ shopper: Shopper, skuID: Int, count: Int, selected: Bool = true) async throws {
        _ = try await CartService(services: services).update(.user(shopper.userID), skuID: skuID, count: count, selected: selected)
    }

    func setStock(_ skuID: Int, _ stock: Int) async throws {
        try await services.sql().raw("UPDATE skus SET stock = \(bind: stock), is_launched = \(bind: true) WHERE id = \(bind: skuID)").run()
    }

    func sku(_ id: Int) async throws -> SKU {
        try await SKU.find(id, on: services.db())!
    }

    func placeOrder(_ shopper: Shopper, payMethod: PayMethodValue = .alipay) async throws -> OrderInfo {
        try await OrderPlacement(services: services).place(userID: shopper.userID, addressID: shopper.addressID, payMethod: payMethod)
    }

    func order(_ id: String) async throws -> OrderInfo {
        try await OrderInfo.find(id, on: services.db())!
    }
}

typealias PayMethodValue = PayMethod
