import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Sessions, lots, deposits and bids (seed 001). A bid is accepted in one write plan guarded on the lot's
/// `version` as read: the standing (`Bidding.apply`), the lot's end (`Bidding.AntiSniping`), the history lines at the
/// next places of the lot's history and the session's count change together or not at all; a bid that lost the race
/// reads the lot again and is worked out afresh (it may now be too low, and is refused as such). Nothing is read
/// and then written unguarded, so concurrent bids serialise without locks on both databases.
public struct AuctionHouse: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct NewSession: Sendable {
        public var title: String
        public var cover: String = ""
        /// The preview video (预展视频) shown on the session page.
        public var video: String?
        public var times: AuctionSchedule.Times
        /// 全场保证金 in cents; 0: none.
        public var deposit: Int64 = 0

        public init(title: String, times: AuctionSchedule.Times, deposit: Int64 = 0) {
            self.title = title
            self.times = times
            self.deposit = deposit
        }
    }

    public struct NewLot: Sendable {
        public var uid: String
        public var title: String
        public var cover: String = ""
        public var start: Int64
        public var reserve: Int64?
        public var unit: Int64
        /// 单品保证金 in cents; 0: the session's deposit covers it.
        public var deposit: Int64 = 0
        /// 参考高价: the expert's estimate shown with the lot.
        public var highest: Int64?
        public var images: [(url: String, carousel: Bool)] = []
        public var specs: [(key: String, value: String)] = []

        public init(uid: String, title: String, start: Int64, unit: Int64, reserve: Int64? = nil, deposit: Int64 = 0) {
            self.uid = uid
            self.title = title
            self.start = start
            self.unit = unit
            self.reserve = reserve
            self.deposit = deposit
        }
    }

    /// A lot as bidding needs it, with its session's times and deposit.
    public struct Lot: Sendable, Equatable {
        public let id: Int
        public let auctionID: Int
        public let times: AuctionSchedule.Times
        public let sessionDeposit: Int64
        public let status: AuctionSchedule.LotStatus
        public let start: Int64
        public let unit: Int64
        public let deposit: Int64
        public let standing: Bidding.Standing?
        public let bidCount: Int
        public let end: Date
        public let extensions: Int
        public let version: Int
    }

    public struct Accepted: Sendable, Equatable {
        public let standing: Bidding.Standing
        public let entries: [Bidding.Entry]
        public let end: Date
        /// The lot's bid count and version (its live `seq`) after this bid.
        public var bidCount: Int = 0
        public var seq: Int = 0
        /// The lot's increment: the next bid's least is `standing.price + unit`.
        public var unit: Int64 = 0
    }

    public func createSession(_ new: NewSession) async throws -> Int {
        let now = services.clock.now()
        let id = try await services.sql().raw("""
            INSERT INTO auctions (title, cover, video, preview_start_time, auction_start_time, auction_end_time, deposit, status, total_price,
                                  goods_count, bid_count, look_count, create_time, update_time)
            VALUES (\(bind: new.title), \(bind: new.cover), \(bind: new.video), \(bind: new.times.previewStart), \(bind: new.times.auctionStart),
                    \(bind: new.times.auctionEnd), \(bind: new.deposit), \(bind: AuctionSchedule.status(new.times, at: now).rawValue), 0, 0, 0, 0,
                    \(bind: now), \(bind: now)) RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
        for moment in [new.times.previewStart, new.times.auctionStart, new.times.auctionEnd] where moment > now {
            try await services.sql().raw(try AuctionSessionStatus.scheduleStatement(auctionID: id, at: moment, now: now)).run()
        }
        return id
    }

    /// A lot of the session, ending when the session does (until anti-sniping moves it).
    public func createLot(_ new: NewLot, auctionID: Int) async throws -> Int {
        let now = services.clock.now()
        let sql = services.sql()
        let id = try await sql.raw("""
            INSERT INTO auction_items (auction_id, uid, title, cover, start_price, reserve_price, highest_price, unit, deposit, status, bid_count,
                                       look_count, end_time, extensions, version, create_time, update_time)
            SELECT id, \(bind: new.uid), \(bind: new.title), \(bind: new.cover), \(bind: new.start), \(bind: new.reserve), \(bind: new.highest),
                   \(bind: new.unit), \(bind: new.deposit), \(bind: AuctionSchedule.LotStatus.upcoming.rawValue), 0, 0, auction_end_time, 0, 0, \(bind: now), \(bind: now)
            FROM auctions WHERE id = \(bind: auctionID) RETURNING id
            """).first()?.decode(column: "id", as: Int.self)
        guard let id else { throw AuctionsError.unknownLot }
        try await sql.raw("UPDATE auctions SET goods_count = goods_count + 1 WHERE id = \(bind: auctionID)").run()
        for (position, image) in new.images.enumerated() {
            try await sql.raw("""
                INSERT INTO auction_item_images (item_id, url, carousel, position, create_time, update_time)
                VALUES (\(bind: id), \(bind: image.url), \(bind: image.carousel), \(bind: position), \(bind: now), \(bind: now))
                """).run()
        }
        for (position, spec) in new.specs.enumerated() {
            try await sql.raw("""
                INSERT INTO auction_item_specs (item_id, key, value, position, create_time, update_time)
                VALUES (\(bind: id), \(bind: spec.key), \(bind: spec.value), \(bind: position), \(bind: now), \(bind: now))
                """).run()
        }
        if let lot = try await lot(id) {
            try await sql.raw(AuctionSettlement.scheduleStatement(itemID: id, at: lot.end, now: now)).run()
        }
        return id
    }

    public func lot(_ id: Int) async throws -> Lot? {
        try await services.readSQL().raw("""
            SELECT i.id, i.auction_id, i.status, i.start_price, i.unit, i.deposit, i.price, i.leader_id, i.leader_max, i.bid_count, i.end_time,
                   i.extensions, i.version, a.preview_start_time, a.auction_start_time, a.auction_end_time, a.deposit AS session_deposit
            FROM auction_items i JOIN auctions a ON a.id = i.auction_id WHERE i.id = \(bind: id)
            """).first().map { row in
                var standing: Bidding.Standing?
                if let price = try row.decode(column: "price", as: Int64?.self), let leader = try row.decode(column: "leader_id", as: Int?.self),
                   let max = try row.decode(column: "leader_max", as: Int64?.self) {
                    standing = Bidding.Standing(price: price, leader: leader, leaderMax: max)
                }
                return Lot(
                    id: try row.decode(column: "id", as: Int.self), auctionID: try row.decode(column: "auction_id", as: Int.self),
                    times: .init(previewStart: try row.decode(column: "preview_start_time", as: Date.self),
                                 auctionStart: try row.decode(column: "auction_start_time", as: Date.self),
                                 auctionEnd: try row.decode(column: "auction_end_time", as: Date.self)),
                    sessionDeposit: try row.decode(column: "session_deposit", as: Int64.self),
                    status: AuctionSchedule.LotStatus(rawValue: try row.decode(column: "status", as: Int.self)) ?? .upcoming,
                    start: try row.decode(column: "start_price", as: Int64.self), unit: try row.decode(column: "unit", as: Int64.self),
                    deposit: try row.decode(column: "deposit", as: Int64.self), standing: standing,
                    bidCount: try row.decode(column: "bid_count", as: Int.self), end: try row.decode(column: "end_time", as: Date.self),
                    extensions: try row.decode(column: "extensions", as: Int.self), version: try row.decode(column: "version", as: Int.self))
            }
    }

    /// Pays the deposit that covers a lot (`itemID`) or a whole session (nil) from the wallet, once: the wallet's debit and
    /// the paid deposit are one plan. Answers the deposit's id.
    @discardableResult
    public func payDepositFromWallet(userID: Int, auctionID: Int, itemID: Int?, through recharge: WalletRecharges.Recharge? = nil) async throws -> Int {
        let sql = services.readSQL()
        let amount = try await depositAmount(auctionID: auctionID, itemID: itemID)
        let scope = itemID.map { "lot:\($0)" } ?? "session:\(auctionID)"
        // A deposit goes back through the provider only when its recharge paid exactly it (staff may have changed
        // the amount meanwhile; then the wallet paid part of it and refunds go to the wallet).
        let recharge = recharge.flatMap { $0.amount == amount && $0.userID == userID ? $0 : nil }
        let now = services.clock.now()
        let uid = "D" + Self.serial(now)
        var plan = WritePlan()
        // Paid at the amount read, only if it is still the amount: staff changing it meanwhile lock the same row, so
        // either the change waits for this payment (and is then refused: a deposit was paid) or this finds it moved.
        let (table, row): (String, Int) = itemID.map { ("auction_items", $0) } ?? ("auctions", auctionID)
        plan.require("UPDATE \(ident: table) SET update_time = update_time WHERE id = \(bind: row) AND deposit = \(bind: amount)", touches: 1) { sql in
            // Asked whenever the plan fell short (on PostgreSQL, for every step): only a moved amount is this step's refusal.
            let now = try await sql.raw("SELECT deposit FROM \(ident: table) WHERE id = \(bind: row)").first()?.decode(column: "deposit", as: Int64.self)
            return now == amount ? nil : AuctionsError.depositChanged
        }
        plan.write("""
            INSERT INTO auction_deposits (uid, user_id, auction_id, item_id, deposit_type, pay_type, amount, balance, status, scope, recharge_id,
                                          create_time, update_time)
            VALUES (\(bind: uid), \(bind: userID), \(bind: auctionID), \(bind: itemID), \(bind: itemID == nil ? 2 : 1),
                    \(bind: recharge.map { AuctionPayment.payType($0.payMethod) } ?? 2), \(bind: amount), \(bind: amount), 2, \(bind: scope),
                    \(bind: recharge?.id), \(bind: now), \(bind: now))
            """)
        plan.append(Ledger(.wallet, services: services).debitSteps(userID: userID, amount: amount, reason: .auctionDeposit, orderID: uid, now: now))
        do {
            try await services.planExecutor.execute(plan)
        } catch is Ledger.Insufficient {
            throw AuctionsError.insufficientBalance
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The only unique key a new deposit can hit besides its fresh serial number: one per user and scope.
            throw AuctionsError.depositAlreadyPaid
        }
        return try await sql.raw("SELECT id FROM auction_deposits WHERE uid = \(bind: uid)").first()!.decode(column: "id", as: Int.self)
    }

    /// What a lot's deposit (`itemID`) or the session's costs; a lot or session that asks none can't take one.
    func depositAmount(auctionID: Int, itemID: Int?) async throws -> Int64 {
        let amount: Int64
        if let itemID {
            guard let lot = try await lot(itemID), lot.auctionID == auctionID else { throw AuctionsError.unknownLot }
            amount = lot.deposit
        } else {
            guard let row = try await services.readSQL().raw("SELECT deposit FROM auctions WHERE id = \(bind: auctionID)").first() else {
                throw AuctionsError.unknownLot
            }
            amount = try row.decode(column: "deposit", as: Int64.self)
        }
        guard amount > 0 else { throw AuctionsError.noDepositAsked }
        return amount
    }

    public static let depositFollowUpJob = "auctions.deposit_after_recharge"

    public struct DepositPayload: Codable, Sendable {
        public let user_id: Int
        public let auction_id: Int
        public let item_id: Int?
        /// Added when the recharge is confirmed (`WalletRecharges.FollowUp.payload(recharge:)`).
        public var recharge_id: String? = nil
    }

    /// A deposit paid at a provider's cashier: a recharge of its amount whose confirmation queues paying it from the
    /// wallet (`depositFollowUpJob`), so it is refunded, deducted and accounted as every other deposit.
    public func requestDeposit(userID: Int, auctionID: Int, itemID: Int?, method: PayMethod) async throws -> WalletRecharges.Recharge {
        let amount = try await depositAmount(auctionID: auctionID, itemID: itemID)
        let scope = itemID.map { "lot:\($0)" } ?? "session:\(auctionID)"
        let paid = try await services.readSQL().raw("""
            SELECT id FROM auction_deposits WHERE user_id = \(bind: userID) AND scope = \(bind: scope)
            """).first()
        guard paid == nil else { throw AuctionsError.depositAlreadyPaid }
        let followUp = try WalletRecharges.FollowUp(job: Self.depositFollowUpJob,
                                                    payload: DepositPayload(user_id: userID, auction_id: auctionID, item_id: itemID))
        return try await WalletRecharges(services: services).create(userID: userID, amount: amount, payMethod: method, then: followUp)
    }

    /// The deposit's recharge landed: pay the deposit from it. Paid meanwhile (twice at the cashier) or no longer
    /// possible, the money stays in the wallet, where the buyer sees it.
    func payDepositAfterRecharge(_ payload: DepositPayload) async throws {
        do {
            var recharge: WalletRecharges.Recharge?
            if let id = payload.recharge_id { recharge = try await WalletRecharges(services: services).find(id) }
            try await payDepositFromWallet(userID: payload.user_id, auctionID: payload.auction_id, itemID: payload.item_id, through: recharge)
        } catch let error as AuctionsError where [.depositAlreadyPaid, .unknownLot, .noDepositAsked, .insufficientBalance].contains(error) {
            services.logger.info("auction deposit not paid after its recharge; the money stays in the wallet",
                                 metadata: ["user_id": "\(payload.user_id)", "reason": "\(error)"])
        }
    }

    /// What the user's paid deposits leave for this lot and its session.
    func paidDeposits(userID: Int, lot: Lot) async throws -> (lot: Int64, session: Int64) {
        let rows = try await services.readSQL().raw("""
            SELECT scope, balance FROM auction_deposits
            WHERE user_id = \(bind: userID) AND status = 2 AND scope IN (\(bind: "lot:\(lot.id)"), \(bind: "session:\(lot.auctionID)"))
            """).all()
        var paid: (lot: Int64, session: Int64) = (0, 0)
        for row in rows {
            let balance = try row.decode(column: "balance", as: Int64.self)
            if try row.decode(column: "scope", as: String.self).hasPrefix("lot:") { paid.lot = balance } else { paid.session = balance }
        }
        return paid
    }

    /// Places a bid (`maximum` is a plain bid, or a proxy's ceiling): refused unless a paid deposit covers the lot and it
    /// takes bids by the clock; otherwise applied with the rules, retried on a lost race.
    public func bid(userID: Int, itemID: Int, maximum: Int64, plain: Bool = false, rules: Bidding.AntiSniping = .init()) async throws -> Accepted {
        guard let first = try await lot(itemID) else { throw AuctionsError.unknownLot }
        let paid = try await paidDeposits(userID: userID, lot: first)
        guard Bidding.depositCovers(lotDeposit: first.deposit, sessionDeposit: first.sessionDeposit, paidForLot: paid.lot,
                                    paidForSession: paid.session) else { throw AuctionsError.depositRequired }
        var lot = first
        for attempt in 0..<200 {
            let now = services.clock.now()
            guard AuctionSchedule.acceptsBids(stored: lot.status, session: lot.times, lotEnd: lot.end, at: now) else { throw AuctionsError.notLive }
            let applied: (standing: Bidding.Standing, entries: [Bidding.Entry])
            switch Bidding.apply(maximum: maximum, by: userID, to: lot.standing, start: lot.start, increment: lot.unit, plain: plain) {
            case .success(let result): applied = result
            case .failure(let refusal): throw AuctionsError.bidRefused(refusal)
            }
            let end = applied.entries.isEmpty ? (lot.end, false)
                : rules.end(after: now, currentEnd: lot.end, extensionsSoFar: lot.extensions)
            do {
                try await services.planExecutor.execute(plan(lot, applied: applied, end: end, now: now))
                await announce(lot, applied: applied, end: end.0, now: now)
                return Accepted(standing: applied.standing, entries: applied.entries, end: end.0,
                                bidCount: lot.bidCount + applied.entries.count, seq: lot.version + 1, unit: lot.unit)
            } catch let error where error is PlanShortfall || error.isTransientConflict
                                    || (error as? any DatabaseError)?.isConstraintFailure == true {
                // lost the race: below
            }
            // Lost the race: let the winner's commit land, then read the lot again.
            if attempt > 2 { try await Task.sleep(for: .milliseconds(Int.random(in: 1...(attempt > 20 ? 20 : 5)))) }
            guard let fresh = try await self.lot(itemID) else { throw AuctionsError.unknownLot }
            lot = fresh
        }
        throw AuctionsError.busy
    }

    /// Tells the lot's watchers what the accepted bid made of it, from what the plan wrote (no read back).
    func announce(_ lot: Lot, applied: (standing: Bidding.Standing, entries: [Bidding.Entry]), end: Date, now: Date) async {
        let live = services.auctionLive
        let leader = try? await live.maskedName(applied.standing.leader, services: services)
        let status = AuctionSchedule.LotStatus.live
        await live.publish(AuctionLotEvent(
            item: lot.id, seq: lot.version + 1, price: Money.format(cents: applied.standing.price), leader: leader,
            bid_count: lot.bidCount + applied.entries.count, ends_at: end, server_now: now, status: status.rawValue, status_text: status.title,
            min_bid: Money.format(cents: applied.standing.price + lot.unit)), services: services)
    }

    func plan(_ lot: Lot, applied: (standing: Bidding.Standing, entries: [Bidding.Entry]), end: (Date, Bool), now: Date) -> WritePlan {
        var plan = WritePlan()
        let count = applied.entries.count
        plan.require("""
            UPDATE auction_items SET price = \(bind: applied.standing.price), leader_id = \(bind: applied.standing.leader),
                   leader_max = \(bind: applied.standing.leaderMax), bid_count = bid_count + \(bind: count), end_time = \(bind: end.0),
                   extensions = extensions + \(bind: end.1 ? 1 : 0), version = version + 1, update_time = \(bind: now)
            WHERE id = \(bind: lot.id) AND version = \(bind: lot.version)
            """, touches: 1) { _ in nil }
        for (index, entry) in applied.entries.enumerated() {
            plan.write("""
                INSERT INTO auction_bids (item_id, user_id, seq, price, automatic, status, create_time, update_time)
                VALUES (\(bind: lot.id), \(bind: entry.bidder), \(bind: lot.bidCount + index + 1), \(bind: entry.price), \(bind: entry.automatic), 1,
                        \(bind: now), \(bind: now))
                """)
        }
        if count > 0 { plan.write("UPDATE auctions SET bid_count = bid_count + \(bind: count), update_time = \(bind: now) WHERE id = \(bind: lot.auctionID)") }
        return plan
    }

    /// The lot's history in order: (seq, bidder, price, automatic).
    public func history(itemID: Int) async throws -> [(seq: Int, entry: Bidding.Entry)] {
        try await services.readSQL().raw("SELECT seq, user_id, price, automatic FROM auction_bids WHERE item_id = \(bind: itemID) ORDER BY seq").all().map {
            (try $0.decode(column: "seq", as: Int.self),
             Bidding.Entry(bidder: try $0.decode(column: "user_id", as: Int.self), price: try $0.decode(column: "price", as: Int64.self),
                           automatic: try $0.decode(column: "automatic", as: Bool.self)))
        }
    }

    /// A serial number for deposits: the time to the millisecond and a random tail.
    static func serial(_ now: Date) -> String {
        String(Int64(now.timeIntervalSince1970 * 1000)) + String(format: "%06d", Int.random(in: 0..<1_000_000))
    }
}
