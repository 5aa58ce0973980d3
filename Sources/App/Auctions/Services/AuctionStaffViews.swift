import Foundation
import MeiduoRules
import SQLKit

/// What the back office reads of an auction that shoppers never see: deposits and orders by name, a lot's reserve
/// and its leader's proxy maximum, the bid history unmasked.
extension AuctionViews {
    /// A lot with every term and its leader unmasked; nil when there is no such lot.
    func staffLot(_ id: Int) async throws -> AdminAuctionLotDTO? {
        guard let row = try await services.readSQL().raw("""
            SELECT i.id, i.auction_id, i.uid, i.title, i.start_price, i.unit, i.reserve_price, i.highest_price, i.deposit, i.price, i.deal_price,
                   i.status, i.bid_count, i.end_time, i.leader_id, i.leader_max, u.username, u.mobile,
                   a.preview_start_time, a.auction_start_time, a.auction_end_time
            FROM auction_items i JOIN auctions a ON a.id = i.auction_id LEFT JOIN users u ON u.id = i.leader_id WHERE i.id = \(bind: id)
            """).first() else { return nil }
        let now = services.clock.now()
        let end = try row.decode(column: "end_time", as: Date.self)
        let stored = AuctionSchedule.LotStatus(rawValue: try row.decode(column: "status", as: Int.self)) ?? .upcoming
        let status = AuctionSchedule.lotStatus(stored: stored, session: try Self.times(row), lotEnd: end, at: now)
        let start = try row.decode(column: "start_price", as: Int64.self)
        let bids = try row.decode(column: "bid_count", as: Int.self)
        let leader = try row.decode(column: "leader_id", as: Int?.self).map { id in
            AdminAuctionBidderDTO(id: id, username: try row.decode(column: "username", as: String.self), mobile: try row.decode(column: "mobile", as: String.self))
        }
        return AdminAuctionLotDTO(
            id: id, auction_id: try row.decode(column: "auction_id", as: Int.self), uid: try row.decode(column: "uid", as: String.self),
            title: try row.decode(column: "title", as: String.self), start_price: Money.format(cents: start),
            unit: Money.format(cents: try row.decode(column: "unit", as: Int64.self)),
            reserve_price: try row.decode(column: "reserve_price", as: Int64?.self).map { Money.format(cents: $0) },
            highest_price: try row.decode(column: "highest_price", as: Int64?.self).map { Money.format(cents: $0) },
            deposit: Money.format(cents: try row.decode(column: "deposit", as: Int64.self)),
            price: Money.format(cents: try row.decode(column: "price", as: Int64?.self) ?? start),
            deal_price: try row.decode(column: "deal_price", as: Int64?.self).map { Money.format(cents: $0) },
            status: status.rawValue, status_text: status.title, bid_count: bids, end_time: end, leader: leader,
            leader_max: try row.decode(column: "leader_max", as: Int64?.self).map { Money.format(cents: $0) },
            terms_editable: bids == 0 && !stored.isSettled && now < end)
    }

    /// A page of the lot's bids, newest first, with who placed each.
    func staffBids(itemID: Int, offset: Int, limit: Int) async throws -> (count: Int, rows: [AdminAuctionBidDTO]) {
        let sql = services.readSQL()
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM auction_bids WHERE item_id = \(bind: itemID)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("""
            SELECT b.seq, b.price, b.automatic, b.status, b.create_time, b.user_id, u.username, u.mobile
            FROM auction_bids b JOIN users u ON u.id = b.user_id WHERE b.item_id = \(bind: itemID)
            ORDER BY b.seq DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map { row in
                AdminAuctionBidDTO(seq: try row.decode(column: "seq", as: Int.self),
                                   bidder: AdminAuctionBidderDTO(id: try row.decode(column: "user_id", as: Int.self),
                                                                 username: try row.decode(column: "username", as: String.self),
                                                                 mobile: try row.decode(column: "mobile", as: String.self)),
                                   price: Money.format(cents: try row.decode(column: "price", as: Int64.self)),
                                   automatic: try row.decode(column: "automatic", as: Bool.self), status: try row.decode(column: "status", as: Int.self),
                                   create_time: try row.decode(column: "create_time", as: Date.self))
            }
        return (count, rows)
    }

    /// A session's deposits for staff, newest first (500 at most).
    func deposits(auctionID: Int) async throws -> [AdminAuctionDepositDTO] {
        try await services.readSQL().raw("""
            SELECT d.id, d.uid, u.username, d.item_id, d.deposit_type, d.pay_type, d.amount, d.balance, d.status, d.create_time
            FROM auction_deposits d JOIN users u ON u.id = d.user_id WHERE d.auction_id = \(bind: auctionID) ORDER BY d.id DESC LIMIT 500
            """).all().map { row in
                AdminAuctionDepositDTO(id: try row.decode(column: "id", as: Int.self), uid: try row.decode(column: "uid", as: String.self),
                                       username: try row.decode(column: "username", as: String.self), item_id: try row.decode(column: "item_id", as: Int?.self),
                                       deposit_type: try row.decode(column: "deposit_type", as: Int.self), pay_type: try row.decode(column: "pay_type", as: Int.self),
                                       amount: Money.format(cents: try row.decode(column: "amount", as: Int64.self)),
                                       balance: Money.format(cents: try row.decode(column: "balance", as: Int64.self)),
                                       status: try row.decode(column: "status", as: Int.self), create_time: try row.decode(column: "create_time", as: Date?.self))
            }
    }

    /// A session's orders for staff (the won lots), in lot order.
    func staffOrders(auctionID: Int) async throws -> [AdminAuctionOrderDTO] {
        try await services.readSQL().raw("""
            SELECT o.id, o.uid, o.item_id, i.title, u.username, o.price, o.real_price, o.status, o.pay_deadline, o.paid_time, o.ship_time
            FROM auction_orders o JOIN auction_items i ON i.id = o.item_id JOIN users u ON u.id = o.user_id
            WHERE o.auction_id = \(bind: auctionID) ORDER BY o.item_id, o.id
            """).all().map { row in
                AdminAuctionOrderDTO(id: try row.decode(column: "id", as: Int.self), uid: try row.decode(column: "uid", as: String.self),
                                     item_id: try row.decode(column: "item_id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                                     username: try row.decode(column: "username", as: String.self),
                                     price: Money.format(cents: try row.decode(column: "price", as: Int64.self)),
                                     real_price: try row.decode(column: "real_price", as: Int64?.self).map { Money.format(cents: $0) },
                                     status: try row.decode(column: "status", as: Int.self), pay_deadline: try row.decode(column: "pay_deadline", as: Date.self),
                                     paid_time: try row.decode(column: "paid_time", as: Date?.self), ship_time: try row.decode(column: "ship_time", as: Date?.self))
            }
    }
}
