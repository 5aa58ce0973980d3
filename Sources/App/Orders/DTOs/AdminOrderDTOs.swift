import Foundation
import Hummingbird

/// A row of the back office's order list.
struct AdminOrderRowDTO: ResponseEncodable, Sendable, Equatable {
    let order_id: String
    let create_time: Date
    let user_id: Int
    let username: String
    let mobile: String
    let total_count: Int
    let total_amount: String
    let pay_amount: String
    let pay_method: Int
    let status: Int
    @Nullable var tracking_no: String?
}

/// An order as staff see it: the buyer's view, plus who, where to, how it was paid and shipped, and the notes.
struct AdminOrderDTO: ResponseEncodable, Sendable, Equatable {
    let order: OrderDTO
    let user: AdminOrderUserDTO
    @Nullable var address: AddressDTO?
    @Nullable var shipment: OrderShipmentDTO?
    let payments: [AdminPaymentDTO]
    let notes: [AdminOrderNoteDTO]
    /// The carriers a shipment may name (`Shipment.carriers`).
    let carriers: [String]
}

struct AdminOrderUserDTO: Codable, Sendable, Equatable {
    let id: Int
    let username: String
    let mobile: String
}

struct AdminPaymentDTO: Codable, Sendable, Equatable {
    let provider: String
    let trade_id: String
    let amount: String
    let status: String
}

struct AdminOrderNoteDTO: ResponseEncodable, Codable, Sendable, Equatable {
    let id: Int
    let staff_username: String
    let text: String
    let create_time: Date
}
