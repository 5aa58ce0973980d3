import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// What the auction pages and the mini-program read: sessions, lots, history and my orders as DTOs, every status
/// shown as the clock has it (`AuctionSchedule.current` / `lotStatus`) whether or not its job has run yet.
struct AuctionViews: Sendable {
    let services: AppServices

    static let sessionColumns: SQLQueryString = """
        id, title, cover, video, preview_start_time, auction_start_time, auction_end_time, deposit, status, total_price, goods_count,
        bid_count, look_count
        """

    static func times(_ row: any SQLRow) throws -> AuctionSchedule.Times {
        AuctionSchedule.Times(previewStart: try row.decode(column: "preview_start_time", as: Date.self),
                              auctionStart: try row.decode(column: "auction_start_time", as: Date.self),
                              auctionEnd: try row.decode(column: "auction_end_time", as: Date.self))
    }

    func session(_ row: any SQLRow, now: Date) throws -> AuctionSessionDTO {
        let times = try Self.times(row)
        let stored = AuctionSchedule.SessionStatus(rawValue: try row.decode(column: "status", as: Int.self)) ?? .upcoming
        let status = AuctionSchedule.current(stored: stored, times, at: now)
        return AuctionSessionDTO(
            id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
            cover: services.storage.imageURL(try row.decode(column: "cover", as: String.self)),
            video: try row.decode(column: "video", as: String?.self).map(services.storage.imageURL),
            preview_start_time: times.previewStart, preview_end_time: times.auctionStart, auction_start_time: times.auctionStart,
            auction_end_time: times.auctionEnd, deposit: Money.format(cents: try row.decode(column: "deposit", as: Int64.self)),
            status: status.rawValue, status_text: status.title,
            total_price: Money.format(cents: try row.decode(column: "total_price", as: Int64.self)),
            goods_count: try row.decode(column: "goods_count", as: Int.self), bid_count: try row.decode(column: "bid_count", as: Int.self),
            look_count: try row.decode(column: "look_count", as: Int.self), server_time: now)
    }

    /// Sessions, by status when asked (1 … 4 as the clock has it): those to come soonest first, ended ones latest
    /// first, 200 at most. The status is the clock's (a stored one is never ahead of it), so it filters in SQL.
    func sessions(status: AuctionSchedule.SessionStatus?) async throws -> [AuctionSessionDTO] {
        let now = services.clock.now()
        let condition: SQLQueryString
        switch status {
        case nil: condition = "1 = 1"
        case .upcoming?: condition = "preview_start_time > \(bind: now)"
        case .previewing?: condition = "preview_start_time <= \(bind: now) AND auction_start_time > \(bind: now)"
        case .live?: condition = "auction_start_time <= \(bind: now) AND auction_end_time > \(bind: now)"
        case .ended?: condition = "auction_end_time <= \(bind: now)"
        }
        let order: SQLQueryString = status == .ended ? "auction_end_time DESC, id DESC" : "auction_start_time, id"
        let rows = try await services.readSQL().raw("SELECT \(Self.sessionColumns) FROM auctions WHERE \(condition) ORDER BY \(order) LIMIT 200").all()
        return try rows.map { try session($0, now: now) }
    }

    func sessionDetail(_ id: Int, viewer: Int? = nil) async throws -> AuctionSessionDetailDTO? {
        let now = services.clock.now()
        guard let row = try await services.readSQL().raw("SELECT \(Self.sessionColumns) FROM auctions WHERE id = \(bind: id)").first() else { return nil }
        let session = try session(row, now: now)
        let times = try Self.times(row)
        let items = try await services.readSQL().raw("""
            SELECT id, auction_id, uid, title, cover, start_price, price, deal_price, deposit, status, bid_count, look_count, end_time
            FROM auction_items WHERE auction_id = \(bind: id) ORDER BY uid, id
            """).all().map { try lotSummary($0, times: times, now: now) }
        var viewerDTO: AuctionSessionViewerDTO?
        if let viewer {
            let paid = try await services.readSQL().raw("""
                SELECT balance FROM auction_deposits WHERE user_id = \(bind: viewer) AND scope = \(bind: "session:\(id)") AND status = 2
                """).first()?.decode(column: "balance", as: Int64.self)
            viewerDTO = AuctionSessionViewerDTO(deposit_paid: paid != nil, deposit_balance: paid.map { Money.format(cents: $0) })
        }
        return AuctionSessionDetailDTO(session: session, items: items, viewer: viewerDTO)
    }

    func lotSummary(_ row: any SQLRow, times: AuctionSchedule.Times, now: Date) throws -> AuctionLotSummaryDTO {
        let end = try row.decode(column: "end_time", as: Date.self)
        let status = AuctionSchedule.lotStatus(stored: AuctionSchedule.LotStatus(rawValue: try row.decode(column: "status", as: Int.self)) ?? .upcoming,
                                               session: times, lotEnd: end, at: now)
        let start = try row.decode(column: "start_price", as: Int64.self)
        return AuctionLotSummaryDTO(
            id: try row.decode(column: "id", as: Int.self), auction_id: try row.decode(column: "auction_id", as: Int.self),
            uid: try row.decode(column: "uid", as: String.self), title: try row.decode(column: "title", as: String.self),
            cover: services.storage.imageURL(try row.decode(column: "cover", as: String.self)), start_price: Money.format(cents: start),
            price: Money.format(cents: try row.decode(column: "price", as: Int64?.self) ?? start),
            deal_price: try row.decode(column: "deal_price", as: Int64?.self).map { Money.format(cents: $0) },
            deposit: Money.format(cents: try row.decode(column: "deposit", as: Int64.self)),
            status: status.rawValue, status_text: status.title, bid_count: try row.decode(column: "bid_count", as: Int.self),
            look_count: try row.decode(column: "look_count", as: Int.self), end_time: end)
    }

    /// The lot page; `viewer` adds what the signed-in user may do.
    func lotDetail(_ id: Int, viewer: Int?) async throws -> AuctionLotDetailDTO? {
        let house = AuctionHouse(services: services)
        guard let lot = try await house.lot(id) else { return nil }
        let sql = services.readSQL()
        let row = try await sql.raw("""
            SELECT i.uid, i.title, i.cover, i.reserve_price, i.highest_price, i.deal_price, i.look_count, a.title AS auction_title, u.username
            FROM auction_items i JOIN auctions a ON a.id = i.auction_id LEFT JOIN users u ON u.id = i.leader_id WHERE i.id = \(bind: id)
            """).first()!
        let images = try await sql.raw("SELECT url, carousel FROM auction_item_images WHERE item_id = \(bind: id) ORDER BY position, id").all().map {
            AuctionImageDTO(url: services.storage.imageURL(try $0.decode(column: "url", as: String.self)), carousel: try $0.decode(column: "carousel", as: Bool.self))
        }
        let specs = try await sql.raw("SELECT key, value FROM auction_item_specs WHERE item_id = \(bind: id) ORDER BY position, id").all().map {
            AuctionSpecDTO(key: try $0.decode(column: "key", as: String.self), value: try $0.decode(column: "value", as: String.self))
        }
        let now = services.clock.now()
        let status = AuctionSchedule.lotStatus(stored: lot.status, session: lot.times, lotEnd: lot.end, at: now)
        let reserve = try row.decode(column: "reserve_price", as: Int64?.self)
        var viewerDTO: AuctionLotViewerDTO?
        if let viewer {
            let paid = try await house.paidDeposits(userID: viewer, lot: lot)
            let covered = Bidding.depositCovers(lotDeposit: lot.deposit, sessionDeposit: lot.sessionDeposit, paidForLot: paid.lot,
                                                paidForSession: paid.session)
            let leading = lot.standing?.leader == viewer
            viewerDTO = AuctionLotViewerDTO(
                deposit_paid: covered, deposit_due: Money.format(cents: lot.deposit > 0 ? lot.deposit : lot.sessionDeposit),
                may_bid: covered && AuctionSchedule.acceptsBids(stored: lot.status, session: lot.times, lotEnd: lot.end, at: now),
                leading: leading, my_max_price: leading ? lot.standing.map { Money.format(cents: $0.leaderMax) } : nil)
        }
        return AuctionLotDetailDTO(
            id: lot.id, auction_id: lot.auctionID, auction_title: try row.decode(column: "auction_title", as: String.self),
            uid: try row.decode(column: "uid", as: String.self), title: try row.decode(column: "title", as: String.self),
            cover: services.storage.imageURL(try row.decode(column: "cover", as: String.self)), images: images, specs: specs,
            start_price: Money.format(cents: lot.start),
            highest_price: try row.decode(column: "highest_price", as: Int64?.self).map { Money.format(cents: $0) },
            reserve_met: lot.standing.map { reserve == nil || $0.price >= reserve! } ?? false,
            unit: Money.format(cents: lot.unit), deposit: Money.format(cents: lot.deposit), auction_deposit: Money.format(cents: lot.sessionDeposit),
            price: Money.format(cents: lot.standing?.price ?? lot.start),
            min_bid: Money.format(cents: Bidding.minimumBid(standing: lot.standing, start: lot.start, increment: lot.unit)),
            leader: try row.decode(column: "username", as: String?.self).map(Self.mask),
            deal_price: try row.decode(column: "deal_price", as: Int64?.self).map { Money.format(cents: $0) },
            status: status.rawValue, status_text: status.title, bid_count: lot.bidCount,
            look_count: try row.decode(column: "look_count", as: Int.self), auction_start_time: lot.times.auctionStart, end_time: lot.end,
            server_time: now, seq: lot.version, viewer: viewerDTO)
    }

    /// A bidder as others see them: first and last character (张**三, a***9).
    static func mask(_ name: String) -> String {
        guard name.count > 2 else { return (name.first.map(String.init) ?? "") + "*" }
        return String(name.first!) + "***" + String(name.last!)
    }

    /// The lot's history, newest first (a page of it).
    func history(itemID: Int, limit: Int) async throws -> [AuctionBidDTO] {
        try await services.readSQL().raw("""
            SELECT b.seq, b.price, b.automatic, b.status, b.create_time, u.username
            FROM auction_bids b JOIN users u ON u.id = b.user_id WHERE b.item_id = \(bind: itemID) ORDER BY b.seq DESC LIMIT \(bind: limit)
            """).all().map { row in
                AuctionBidDTO(seq: try row.decode(column: "seq", as: Int.self), user: Self.mask(try row.decode(column: "username", as: String.self)),
                              price: Money.format(cents: try row.decode(column: "price", as: Int64.self)),
                              automatic: try row.decode(column: "automatic", as: Bool.self), status: try row.decode(column: "status", as: Int.self),
                              create_time: try row.decode(column: "create_time", as: Date.self))
            }
    }

    /// My orders in the seed's grouping, each group oldest first.
    func orders(userID: Int) async throws -> AuctionOrdersDTO {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")  // the shop's time, as order numbers
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let rows = try await services.readSQL().raw("""
            SELECT o.id, o.status, o.item_id, o.auction_id, o.price, o.real_price, o.pay_type, o.create_time, o.pay_deadline, o.ship_time,
                   i.title, i.cover
            FROM auction_orders o JOIN auction_items i ON i.id = o.item_id WHERE o.user_id = \(bind: userID) ORDER BY o.id
            """).all().map { row in
                AuctionOrderRowDTO(
                    id: try row.decode(column: "id", as: Int.self), status: try row.decode(column: "status", as: Int.self),
                    item: try row.decode(column: "item_id", as: Int.self), auction: try row.decode(column: "auction_id", as: Int.self),
                    price: Money.format(cents: try row.decode(column: "price", as: Int64.self)),
                    real_price: try row.decode(column: "real_price", as: Int64?.self).map { Money.format(cents: $0) },
                    pay_type: try row.decode(column: "pay_type", as: Int?.self),
                    create_date: formatter.string(from: try row.decode(column: "create_time", as: Date.self)),
                    title: try row.decode(column: "title", as: String.self),
                    cover: services.storage.imageURL(try row.decode(column: "cover", as: String.self)),
                    pay_deadline: try row.decode(column: "pay_deadline", as: Date.self),
                    shipped: try row.decode(column: "ship_time", as: Date?.self) != nil)
            }
        func group(_ status: Int, _ text: String) -> AuctionOrderGroupDTO {
            AuctionOrderGroupDTO(text: text, child: rows.filter { $0.status == status })
        }
        return AuctionOrdersDTO(unpaid: group(1, "未支付"), receiving: group(2, "待收货"), finished: group(3, "已完成"), overdue: group(4, "逾期未支付"))
    }

    /// Counts a look at the lot and its session: once per signed-in user (the browse record), every time for anyone else.
    func look(itemID: Int, userID: Int?) async throws {
        let sql = services.sql()
        let now = services.clock.now()
        if let userID {
            let added: [any SQLRow]
            do {
                added = try await sql.raw("""
                    INSERT INTO auction_looks (item_id, user_id, create_time, update_time) VALUES (\(bind: itemID), \(bind: userID), \(bind: now), \(bind: now))
                    ON CONFLICT (user_id, item_id) DO NOTHING RETURNING id
                    """).all()
            } catch let error as any DatabaseError where error.isConstraintFailure {
                return  // no such lot: the page answers 404
            }
            guard !added.isEmpty else { return }
        }
        try await sql.raw("UPDATE auction_items SET look_count = look_count + 1 WHERE id = \(bind: itemID)").run()
        try await sql.raw("""
            UPDATE auctions SET look_count = look_count + 1 WHERE id = (SELECT auction_id FROM auction_items WHERE id = \(bind: itemID))
            """).run()
    }
}
