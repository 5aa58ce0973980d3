import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Coupons (seeds 001 and 002): templates, claim campaigns and users' coupons; and what checkout needs of them —
/// the coupons a shopper could use, the step that uses one (a coupon serves one order, whatever races), the step that
/// gives it back. The only writer of `coupons`, `coupon_campaigns` and `user_coupons`.
public struct Promotions: Sendable {
    public static let campaignStatusJob = "promotions.campaign_status"
    public static let expireCouponsJob = "promotions.expire_coupons"

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    // MARK: - Templates

    public struct Template: Sendable, Equatable {
        public let id: Int
        public let name: String
        public let kind: CouponRules.Kind
        public let sale: String
        public let thresholdYuan: Int
        public let timerDays: Int?
        public let start: Date?
        public let end: Date?
        public let scope: String
        public let scopeID: Int?

        public var discount: CheckoutPricing.Discount? { CouponRules.discount(sale: sale) }
        /// Nil for a stored scope this version can't read: such a coupon applies to nothing rather than everything.
        public var couponScope: CouponScope? { CouponScope(kind: scope, id: scopeID) }
        var dto: CouponDTO {
            CouponDTO(id: id, name: name, coupon_type: kind.rawValue, sale: sale, condition: thresholdYuan, timer: timerDays, scope: scope,
                      scope_id: scopeID)
        }
    }

    public struct NewTemplate: Sendable {
        public var name: String
        public var sale: String
        public var thresholdYuan: Int
        public var timerDays: Int?
        public var start: Date?
        public var end: Date?
        public var scope: String = "all"
        public var scopeID: Int?

        public init(name: String, sale: String, thresholdYuan: Int, timerDays: Int? = nil, start: Date? = nil, end: Date? = nil,
                    scope: String = "all", scopeID: Int? = nil) {
            self.name = name
            self.sale = sale
            self.thresholdYuan = thresholdYuan
            self.timerDays = timerDays
            self.start = start
            self.end = end
            self.scope = scope
            self.scopeID = scopeID
        }
    }

    /// Stores a template; its type follows from the formula (`*` a rate, `-` an amount off).
    public func createTemplate(_ new: NewTemplate) async throws -> Template {
        guard let discount = CouponRules.discount(sale: new.sale) else { throw PromotionsError.badFormula }
        let kind: CouponRules.Kind
        if case .rate = discount { kind = .rate } else { kind = .amountOff }
        let now = services.clock.now()
        let row = try await services.sql().raw("""
            INSERT INTO coupons (name, coupon_type, sale, condition, timer, start_date, end_date, scope, scope_id, create_time, update_time)
            VALUES (\(bind: new.name), \(bind: kind.rawValue), \(bind: new.sale), \(bind: new.thresholdYuan), \(bind: new.timerDays),
                    \(bind: new.start), \(bind: new.end), \(bind: new.scope), \(bind: new.scopeID), \(bind: now), \(bind: now))
            RETURNING id
            """).first()
        return try await template(id: try row!.decode(column: "id", as: Int.self))!
    }

    public func template(id: Int) async throws -> Template? {
        try await templates(ids: [id])[id]
    }

    func templates(ids: [Int]) async throws -> [Int: Template] {
        guard !ids.isEmpty else { return [:] }
        var found: [Int: Template] = [:]
        for row in try await services.readSQL().raw("SELECT * FROM coupons WHERE id IN (\(binds: ids))").all() {
            let template = try Self.template(row)
            found[template.id] = template
        }
        return found
    }

    static func template(_ row: any SQLRow) throws -> Template {
        Template(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                 kind: CouponRules.Kind(rawValue: try row.decode(column: "coupon_type", as: Int.self)) ?? .amountOff,
                 sale: try row.decode(column: "sale", as: String.self), thresholdYuan: try row.decode(column: "condition", as: Int.self),
                 timerDays: try row.decode(column: "timer", as: Int?.self), start: try row.decode(column: "start_date", as: Date?.self),
                 end: try row.decode(column: "end_date", as: Date?.self), scope: try row.decode(column: "scope", as: String.self),
                 scopeID: try row.decode(column: "scope_id", as: Int?.self))
    }

    // MARK: - Users' coupons

    public struct UserCoupon: Sendable, Equatable {
        public let id: Int
        public let userID: Int
        public let template: Template
        public let storedStatus: CouponRules.Status
        public let start: Date
        public let end: Date
        public let orderID: String?

        public func status(now: Date) -> CouponRules.Status { storedStatus.effective(endTime: end, now: now) }

        func dto(now: Date) -> UserCouponDTO {
            UserCouponDTO(id: id, status: status(now: now).rawValue, start_time: start, end_time: end, order_id: orderID, coupon: template.dto)
        }
    }

    /// My coupons, newest first, by their status now (an unused one past its end is 已过期 before any job ran).
    public func coupons(userID: Int, status: CouponRules.Status? = nil) async throws -> [UserCouponDTO] {
        let now = services.clock.now()
        return try await userCoupons(userID: userID).filter { status == nil || $0.status(now: now) == status }.map { $0.dto(now: now) }
    }

    /// The user's coupons (some of them, by id), newest first, each read with its template in one query.
    func userCoupons(userID: Int, ids: [Int]? = nil) async throws -> [UserCoupon] {
        var query: SQLQueryString = """
            SELECT uc.id AS uc_id, uc.status AS uc_status, uc.start_time AS uc_start, uc.end_time AS uc_end, uc.order_id AS uc_order, c.*
            FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id WHERE uc.user_id = \(bind: userID)
            """
        if let ids {
            guard !ids.isEmpty else { return [] }
            let only: SQLQueryString = " AND uc.id IN (\(binds: ids))"
            query.appendInterpolation(only)
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY uc.id DESC")
        return try await services.readSQL().raw(query).all().map { row in
            UserCoupon(id: try row.decode(column: "uc_id", as: Int.self), userID: userID, template: try Self.template(row),
                       storedStatus: CouponRules.Status(rawValue: try row.decode(column: "uc_status", as: Int.self)) ?? .unused,
                       start: try row.decode(column: "uc_start", as: Date.self), end: try row.decode(column: "uc_end", as: Date.self),
                       orderID: try row.decode(column: "uc_order", as: String?.self))
        }
    }

    public func userCoupon(id: Int, userID: Int) async throws -> UserCoupon? {
        try await userCoupons(userID: userID, ids: [id]).first
    }

    /// The statement that gives `userID` a coupon of `template` got now (its validity per the template).
    func grantStatement(_ template: Template, userID: Int, campaignID: Int?, now: Date) -> SQLQueryString {
        let (start, end) = CouponRules.validity(gotAt: now, timerDays: template.timerDays, fixedStart: template.start, fixedEnd: template.end)
        return """
            INSERT INTO user_coupons (user_id, coupon_id, campaign_id, status, start_time, end_time, create_time, update_time)
            VALUES (\(bind: userID), \(bind: template.id), \(bind: campaignID), \(bind: CouponRules.Status.unused.rawValue),
                    \(bind: start), \(bind: end), \(bind: now), \(bind: now))
            """
    }

    /// Staff give a user a coupon of `couponID`.
    public func grant(couponID: Int, userID: Int) async throws -> UserCouponDTO {
        guard let template = try await template(id: couponID) else { throw PromotionsError.couponNotFound }
        let now = services.clock.now()
        var statement = grantStatement(template, userID: userID, campaignID: nil, now: now)
        statement.appendInterpolation(unsafeRaw: " RETURNING id")
        let id = try await services.sql().raw(statement).first()!.decode(column: "id", as: Int.self)
        return try await userCoupon(id: id, userID: userID)!.dto(now: now)
    }

    /// Gives a user `count` coupons of one template at once (a bulk grant: benchmarks, a staff compensation run);
    /// answers the lowest new id. Rows of one call get consecutive ids when nothing else inserts meanwhile.
    public func grant(couponID: Int, userID: Int, count: Int) async throws -> Int? {
        guard count > 0, let template = try await template(id: couponID) else { return nil }
        let now = services.clock.now()
        let (start, end) = CouponRules.validity(gotAt: now, timerDays: template.timerDays, fixedStart: template.start, fixedEnd: template.end)
        var first: Int?
        for offset in stride(from: 0, to: count, by: 500) {
            let rows = (offset..<min(count, offset + 500)).map { _ in
                SQLQueryString("(\(bind: userID), \(bind: template.id), \(bind: CouponRules.Status.unused.rawValue), \(bind: start), \(bind: end), \(bind: now), \(bind: now))")
            }
            let ids = try await services.sql().raw("""
                INSERT INTO user_coupons (user_id, coupon_id, status, start_time, end_time, create_time, update_time)
                VALUES \(SQLList(rows)) RETURNING id
                """).all().map { try $0.decode(column: "id", as: Int.self) }
            if first == nil { first = ids.min() }
        }
        return first
    }

    // MARK: - Campaigns

    public struct NewCampaign: Sendable {
        public var title: String
        public var couponID: Int
        public var count: Int
        public var start: Date
        public var stop: Date
    }

    /// Stores a campaign and schedules the jobs that move its status at the window's edges.
    public func createCampaign(_ new: NewCampaign) async throws -> CampaignDTO {
        guard try await template(id: new.couponID) != nil else { throw PromotionsError.couponNotFound }
        guard new.start < new.stop, new.count > 0 else { throw PromotionsError.badWindow }
        let now = services.clock.now()
        let id = try await services.db().transaction { tx -> Int in
            let row = try await (tx as! any SQLDatabase).raw("""
                INSERT INTO coupon_campaigns (title, coupon_id, count, apply_count, apply_start_date, apply_stop_date, status, create_time, update_time)
                VALUES (\(bind: new.title), \(bind: new.couponID), \(bind: new.count), 0, \(bind: new.start), \(bind: new.stop),
                        \(bind: CampaignStatus.at(now, start: new.start, stop: new.stop).rawValue), \(bind: now), \(bind: now))
                RETURNING id
                """).first()
            let id = try row!.decode(column: "id", as: Int.self)
            for edge in [new.start, new.stop] where edge > now {
                try await JobQueue.enqueue(Self.campaignStatusJob, payload: CampaignPayload(campaign_id: id), on: tx, runAt: edge,
                                           uniqueKey: "campaign-status:\(id):\(ShopClock.millis(edge))", now: now)
            }
            return id
        }
        return try await campaign(id: id, userID: nil)!
    }

    public struct CampaignPayload: Codable, Sendable {
        public let campaign_id: Int
    }

    /// The job at a window's edge: the stored status catches up with the clock.
    public func refreshCampaignStatus(id: Int) async throws {
        guard let row = try await services.sql().raw("SELECT apply_start_date, apply_stop_date FROM coupon_campaigns WHERE id = \(bind: id)").first() else { return }
        let status = CampaignStatus.at(services.clock.now(), start: try row.decode(column: "apply_start_date", as: Date.self),
                                       stop: try row.decode(column: "apply_stop_date", as: Date.self))
        try await services.sql().raw("""
            UPDATE coupon_campaigns SET status = \(bind: status.rawValue), update_time = \(bind: services.clock.now()) WHERE id = \(bind: id)
            """).run()
    }

    /// The periodic job: unused coupons past their end are marked expired (reads already say so).
    @discardableResult
    public func expireCoupons() async throws -> Int {
        let now = services.clock.now()
        return try await services.sql().raw("""
            UPDATE user_coupons SET status = \(bind: CouponRules.Status.expired.rawValue), update_time = \(bind: now)
            WHERE status = \(bind: CouponRules.Status.unused.rawValue) AND end_time <= \(bind: now) RETURNING id
            """).all().count
    }

    /// Campaigns not yet ended, soonest first, and whether `userID` claimed each.
    public func campaigns(userID: Int?) async throws -> [CampaignDTO] {
        let now = services.clock.now()
        let rows = try await services.readSQL().raw("""
            SELECT * FROM coupon_campaigns WHERE apply_stop_date > \(bind: now) ORDER BY apply_start_date, id
            """).all()
        return try await dtos(rows, userID: userID, now: now)
    }

    /// Every campaign for the back office, newest first (200 at most), each with its status now.
    public func allCampaigns() async throws -> [CampaignDTO] {
        let rows = try await services.readSQL().raw("SELECT * FROM coupon_campaigns ORDER BY apply_start_date DESC, id DESC LIMIT 200").all()
        return try await dtos(rows, userID: nil, now: services.clock.now())
    }

    /// Every template with how many of it were given out, used and expired (as they are now), newest first — or
    /// only those of one auction session (`auctionID`: the session page's 本场优惠券).
    public func templateStats(auctionID: Int? = nil) async throws -> [AdminCouponDTO] {
        let now = services.clock.now()
        var filter: SQLQueryString = ""
        if let auctionID { filter = " WHERE c.scope = 'auction' AND c.scope_id = \(bind: auctionID)" }
        let rows = try await services.readSQL().raw("""
            SELECT c.*, (SELECT COUNT(*) FROM user_coupons u WHERE u.coupon_id = c.id) AS issued,
                   (SELECT COUNT(*) FROM user_coupons u WHERE u.coupon_id = c.id AND u.status = \(bind: CouponRules.Status.used.rawValue)) AS used,
                   (SELECT COUNT(*) FROM user_coupons u WHERE u.coupon_id = c.id AND u.status <> \(bind: CouponRules.Status.used.rawValue)
                        AND (u.status = \(bind: CouponRules.Status.expired.rawValue) OR u.end_time <= \(bind: now))) AS expired
            FROM coupons c
            """ + filter + " ORDER BY c.id DESC LIMIT 500").all()
        return try rows.map { row in
            let template = try Self.template(row)
            return AdminCouponDTO(coupon: template.dto, start_date: template.start, end_date: template.end,
                                  issued: try row.decode(column: "issued", as: Int.self), used: try row.decode(column: "used", as: Int.self),
                                  expired: try row.decode(column: "expired", as: Int.self))
        }
    }

    public func campaign(id: Int, userID: Int?) async throws -> CampaignDTO? {
        let rows = try await services.readSQL().raw("SELECT * FROM coupon_campaigns WHERE id = \(bind: id)").all()
        return try await dtos(rows, userID: userID, now: services.clock.now()).first
    }

    func dtos(_ rows: [any SQLRow], userID: Int?, now: Date) async throws -> [CampaignDTO] {
        let templates = try await templates(ids: Array(Set(try rows.map { try $0.decode(column: "coupon_id", as: Int.self) })))
        var claimed: Set<Int> = []
        if let userID, !rows.isEmpty {
            let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
            claimed = Set(try await services.readSQL().raw("""
                SELECT campaign_id FROM user_coupons WHERE user_id = \(bind: userID) AND campaign_id IN (\(binds: ids))
                """).all().map { try $0.decode(column: "campaign_id", as: Int.self) })
        }
        return try rows.compactMap { row in
            guard let template = templates[try row.decode(column: "coupon_id", as: Int.self)] else { return nil }
            let id = try row.decode(column: "id", as: Int.self)
            let start = try row.decode(column: "apply_start_date", as: Date.self), stop = try row.decode(column: "apply_stop_date", as: Date.self)
            return CampaignDTO(id: id, title: try row.decode(column: "title", as: String.self), count: try row.decode(column: "count", as: Int.self),
                               apply_count: try row.decode(column: "apply_count", as: Int.self), apply_start_date: start, apply_stop_date: stop,
                               status: CampaignStatus.at(now, start: start, stop: stop).rawValue, coupon: template.dto,
                               claimed_by_me: claimed.contains(id))
        }
    }

    /// Claims one coupon of a campaign: in one plan the count goes up only while the window is open and some are
    /// left, and the user's coupon is written; a second claim by the same user fails on the unique index.
    public func claim(campaignID: Int, userID: Int) async throws -> UserCouponDTO {
        guard let campaign = try await campaign(id: campaignID, userID: nil),
              let template = try await template(id: campaign.coupon.id) else { throw PromotionsError.campaignNotFound }
        let now = services.clock.now()
        var plan = WritePlan()
        plan.write(grantStatement(template, userID: userID, campaignID: campaignID, now: now))
        plan.require("""
            UPDATE coupon_campaigns SET apply_count = apply_count + 1, update_time = \(bind: now)
            WHERE id = \(bind: campaignID) AND apply_count < count AND apply_start_date <= \(bind: now) AND apply_stop_date > \(bind: now)
            """, touches: 1) { sql in try await Self.claimRefusal(campaignID: campaignID, now: now, on: sql) }
        do {
            try await services.planExecutor.execute(plan)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw PromotionsError.alreadyClaimed
        }
        let id = try await services.sql().raw("""
            SELECT id FROM user_coupons WHERE user_id = \(bind: userID) AND campaign_id = \(bind: campaignID)
            """).first()!.decode(column: "id", as: Int.self)
        return try await userCoupon(id: id, userID: userID)!.dto(now: now)
    }

    static func claimRefusal(campaignID: Int, now: Date, on sql: any SQLDatabase) async throws -> PromotionsError {
        guard let row = try await sql.raw("""
            SELECT count, apply_count, apply_start_date, apply_stop_date FROM coupon_campaigns WHERE id = \(bind: campaignID)
            """).first() else { return .campaignNotFound }
        switch CampaignStatus.at(now, start: try row.decode(column: "apply_start_date", as: Date.self),
                                 stop: try row.decode(column: "apply_stop_date", as: Date.self)) {
        case .notStarted: return .notStarted
        case .ended: return .ended
        case .claiming: return .soldOut
        }
    }

    // MARK: - Checkout

    /// What a coupon would do for a checkout of `lines` now: the discount, or why not. Its threshold and discount
    /// count only the lines its scope covers.
    public func evaluate(_ coupon: UserCoupon, lines: [CheckoutPricing.Line], now: Date) -> (discount: Int64?, refusal: CouponRules.Refusal?) {
        let covered = coupon.template.couponScope?.coveredAmount(lines) ?? 0
        if let refusal = CouponRules.refusal(status: coupon.storedStatus, start: coupon.start, end: coupon.end,
                                             thresholdYuan: coupon.template.thresholdYuan, goodsAmount: covered, inScope: covered > 0, now: now) {
            return (nil, refusal)
        }
        guard let discount = coupon.template.discount else { return (nil, .outOfScope) }
        return (discount.off(covered), nil)
    }

    /// The unused coupons of a user (stored status 未使用), for the settlement page.
    public func unusedCoupons(userID: Int) async throws -> [UserCoupon] {
        try await userCoupons(userID: userID).filter { $0.storedStatus == .unused }
    }

    /// The step that spends a coupon on an order: only while it is the user's, unused and valid.
    public func useSteps(userCouponID: Int, userID: Int, orderID: String, now: Date) -> WritePlan {
        var plan = WritePlan()
        plan.require("""
            UPDATE user_coupons SET status = \(bind: CouponRules.Status.used.rawValue), order_id = \(bind: orderID), update_time = \(bind: now)
            WHERE id = \(bind: userCouponID) AND user_id = \(bind: userID) AND status = \(bind: CouponRules.Status.unused.rawValue)
              AND start_time <= \(bind: now) AND end_time > \(bind: now)
            """, touches: 1) { _ in PromotionsError.couponUnavailable }
        return plan
    }

    /// The step that gives an order's coupon back (a cancelled, timed-out or refunded order): unused while it is
    /// still valid, expired otherwise.
    public func restoreSteps(orderID: String, now: Date) -> WritePlan {
        var plan = WritePlan()
        plan.write("""
            UPDATE user_coupons SET status = CASE WHEN end_time > \(bind: now) THEN \(bind: CouponRules.Status.unused.rawValue)
                                                  ELSE \(bind: CouponRules.Status.expired.rawValue) END,
                   order_id = NULL, update_time = \(bind: now)
            WHERE order_id = \(bind: orderID) AND status = \(bind: CouponRules.Status.used.rawValue)
            """)
        return plan
    }
}
