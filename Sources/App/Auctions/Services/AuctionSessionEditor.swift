import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Staff change a session before it opens (seed 001 运营中心: the date-time pickers, and the celery tasks that move
/// the status at the new times): title, deposit, times. New times queue the status jobs and the lots' settlement at
/// the new moments in the same transaction; jobs queued for the old moments find nothing to do when they run
/// (`AuctionSessionStatus` goes by the stored times, settlement by the lot's end).
struct AuctionSessionEditor: Sendable {
    let services: AppServices

    /// Holds the row read for the rest of the transaction on PostgreSQL; SQLite's transactions write one at a time.
    var rowLock: String { services.database.kind == .postgres ? " FOR UPDATE" : "" }

    struct Change: Sendable {
        var title: String
        var deposit: Int64
        var times: AuctionSchedule.Times
    }

    func update(_ id: Int, _ change: Change) async throws {
        let now = services.clock.now()
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard let row = try await sql.raw("""
                SELECT preview_start_time, auction_start_time, auction_end_time, deposit, bid_count FROM auctions WHERE id = \(bind: id)\(unsafeRaw: rowLock)
                """).first() else { throw APIError.notFound }
            let old = try AuctionViews.times(row)
            if let refusal = AuctionSchedule.refusal(rescheduling: old, to: change.times, bids: try row.decode(column: "bid_count", as: Int.self), at: now) {
                throw APIError.field(refusal == .notOrdered ? "auction_end_time" : "auction_start_time", refusal.description)
            }
            if change.deposit != (try row.decode(column: "deposit", as: Int64.self)),
               try await sql.raw("SELECT id FROM auction_deposits WHERE auction_id = \(bind: id) LIMIT 1").first() != nil {
                throw APIError.field("deposit", "已有人交了保证金，不能再改保证金。")
            }
            // Moved later, a session may go back to 未开拍 (nobody has bid: `refusal` saw to it).
            let status = AuctionSchedule.status(change.times, at: now)
            try await sql.raw("""
                UPDATE auctions SET title = \(bind: change.title), deposit = \(bind: change.deposit), preview_start_time = \(bind: change.times.previewStart),
                       auction_start_time = \(bind: change.times.auctionStart), auction_end_time = \(bind: change.times.auctionEnd),
                       status = \(bind: status.rawValue), update_time = \(bind: now) WHERE id = \(bind: id)
                """).run()
            guard old != change.times else { return }
            let lotStatus = min(status.rawValue, AuctionSchedule.LotStatus.live.rawValue)
            try await sql.raw("""
                UPDATE auction_items SET end_time = \(bind: change.times.auctionEnd), status = \(bind: lotStatus), update_time = \(bind: now)
                WHERE auction_id = \(bind: id)
                """).run()
            for moment in [change.times.previewStart, change.times.auctionStart, change.times.auctionEnd] where moment > now {
                try await sql.raw(try AuctionSessionStatus.scheduleStatement(auctionID: id, at: moment, now: now)).run()
            }
            for lot in try await sql.raw("SELECT id FROM auction_items WHERE auction_id = \(bind: id)").all() {
                try await sql.raw(try AuctionSettlement.scheduleStatement(itemID: try lot.decode(column: "id", as: Int.self),
                                                                           at: change.times.auctionEnd, now: now)).run()
            }
        }
    }

    struct LotChange: Sendable {
        var uid: String
        var title: String
        var terms: LotTerms
    }

    /// A lot's name and terms. The update is guarded on the lot's `version` as read, the guard every bid's update
    /// takes too: a bid and a change racing for the lot serialise — the bid that lost reads the new terms, the change
    /// that lost is refused because the lot now has a bid.
    func updateLot(itemID: Int, _ change: LotChange) async throws {
        let now = services.clock.now()
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            // The row held, so a deposit being paid for the lot (which guards on this row) finishes first or after.
            guard let row = try await sql.raw("""
                SELECT start_price, unit, reserve_price, highest_price, deposit, status, bid_count, end_time, version
                FROM auction_items WHERE id = \(bind: itemID)\(unsafeRaw: rowLock)
                """).first() else { throw APIError.notFound }
            let old = LotTerms(start: try row.decode(column: "start_price", as: Int64.self), unit: try row.decode(column: "unit", as: Int64.self),
                               reserve: try row.decode(column: "reserve_price", as: Int64?.self),
                               highest: try row.decode(column: "highest_price", as: Int64?.self), deposit: try row.decode(column: "deposit", as: Int64.self))
            let stored = AuctionSchedule.LotStatus(rawValue: try row.decode(column: "status", as: Int.self)) ?? .upcoming
            let ended = try stored.isSettled || now >= row.decode(column: "end_time", as: Date.self)
            var depositPaid = false
            if old.deposit != change.terms.deposit {
                depositPaid = try await sql.raw("SELECT id FROM auction_deposits WHERE item_id = \(bind: itemID) AND status = 2 LIMIT 1").first() != nil
            }
            if let refusal = LotTerms.refusal(changing: old, to: change.terms, ended: ended, bids: try row.decode(column: "bid_count", as: Int.self),
                                              depositPaid: depositPaid) {
                throw APIError.field(refusal.field, refusal.description)
            }
            guard old != change.terms else {
                try await sql.raw("""
                    UPDATE auction_items SET uid = \(bind: change.uid), title = \(bind: change.title), update_time = \(bind: now) WHERE id = \(bind: itemID)
                    """).run()
                return
            }
            let changed = try await sql.raw("""
                UPDATE auction_items SET uid = \(bind: change.uid), title = \(bind: change.title), start_price = \(bind: change.terms.start),
                       unit = \(bind: change.terms.unit), reserve_price = \(bind: change.terms.reserve), highest_price = \(bind: change.terms.highest),
                       deposit = \(bind: change.terms.deposit), version = version + 1, update_time = \(bind: now)
                WHERE id = \(bind: itemID) AND version = \(bind: try row.decode(column: "version", as: Int.self)) RETURNING id
                """).first()
            // Only a bid moves the version between the read and here (it is the bid's guard too).
            if changed == nil { throw APIError.field("non_field_errors", LotTerms.ChangeRefusal.bidsPlaced.description) }
        }
    }

    /// A new cover for the session (an uploaded picture's key).
    func setCover(_ id: Int, key: String) async throws {
        let changed = try await services.sql().raw("""
            UPDATE auctions SET cover = \(bind: key), update_time = \(bind: services.clock.now()) WHERE id = \(bind: id) RETURNING id
            """).first()
        guard changed != nil else { throw APIError.notFound }
    }

    /// A picture for a lot, last in order: the first real one replaces a drawn placeholder as its cover.
    func addLotPicture(itemID: Int, key: String, carousel: Bool) async throws {
        let now = services.clock.now()
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard let cover = try await sql.raw("SELECT cover FROM auction_items WHERE id = \(bind: itemID)").first()?
                .decode(column: "cover", as: String.self) else { throw APIError.notFound }
            if AuctionPictures.isDrawn(cover) {
                try await sql.raw("DELETE FROM auction_item_images WHERE item_id = \(bind: itemID) AND url = \(bind: cover)").run()
                try await sql.raw("UPDATE auction_items SET cover = \(bind: key), update_time = \(bind: now) WHERE id = \(bind: itemID)").run()
            }
            try await sql.raw("""
                INSERT INTO auction_item_images (item_id, url, carousel, position, create_time, update_time)
                SELECT \(bind: itemID), \(bind: key), \(bind: carousel), COALESCE(MAX(position), -1) + 1, \(bind: now), \(bind: now)
                FROM auction_item_images WHERE item_id = \(bind: itemID)
                """).run()
        }
    }

    /// The lot's particulars (作者, 尺寸, 年代 …), replacing what it had, in the order given.
    func setLotSpecs(itemID: Int, specs: [(key: String, value: String)]) async throws {
        let now = services.clock.now()
        try await services.db().transaction { tx in
            let sql = tx as! any SQLDatabase
            guard try await sql.raw("SELECT id FROM auction_items WHERE id = \(bind: itemID)").first() != nil else { throw APIError.notFound }
            try await sql.raw("DELETE FROM auction_item_specs WHERE item_id = \(bind: itemID)").run()
            for (position, spec) in specs.enumerated() {
                try await sql.raw("""
                    INSERT INTO auction_item_specs (item_id, key, value, position, create_time, update_time)
                    VALUES (\(bind: itemID), \(bind: spec.key), \(bind: spec.value), \(bind: position), \(bind: now), \(bind: now))
                    """).run()
            }
        }
    }
}
