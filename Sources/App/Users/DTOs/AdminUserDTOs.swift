import Foundation
import Hummingbird

/// A shop account as the back office lists it.
struct AdminUserRowDTO: ResponseEncodable, Sendable, Equatable {
    let id: Int
    let username: String
    let mobile: String
    let email: String
    let is_active: Bool
    let is_staff: Bool
    @Nullable var date_joined: Date?
    @Nullable var last_login: Date?
}

/// One account with what staff need on the phone to its owner: balances and orders.
struct AdminUserDTO: ResponseEncodable, Sendable, Equatable {
    let user: AdminUserRowDTO
    let email_active: Bool
    let orders: Int
    let wallet_balance: String
    let credits: Int64
}

/// What an enable/disable records as before and after.
struct AdminUserActiveDTO: Codable, Sendable, Equatable {
    let id: Int
    let is_active: Bool
}
