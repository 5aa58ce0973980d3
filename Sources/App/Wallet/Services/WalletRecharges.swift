import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Money a shopper pays into the wallet through Alipay or WeChat Pay (余额充值, seed 001). A recharge is created
/// unpaid; the first confirmed report of its trade (notify, return or reconciliation, whichever comes first) marks it
/// paid and credits the wallet in one plan, guarded by `status = 'unpaid'`, so it is credited exactly once.
public struct WalletRecharges: Sendable {
    public enum Status: String, Sendable, Codable {
        case unpaid, paid
    }

    public struct Recharge: Sendable, Equatable {
        public let id: String
        public let userID: Int
        public let amount: Int64
        public let payMethod: PayMethod
        public let status: Status
        public let tradeID: String?
        public let createTime: Date
        public let paidTime: Date?
        /// The job its confirmation queues, if it was paid for something (`FollowUp`).
        public var followUp: FollowUp? = nil
    }

    /// What a recharge pays for beyond the wallet: a job, queued in the plan that credits the wallet, that spends
    /// the money on it (an auction order's remainder, a deposit). The buyer paid once, at one cashier.
    public struct FollowUp: Sendable, Equatable {
        public let job: String
        public let payload: String

        public init(job: String, payload: some Encodable) throws {
            self.job = job
            self.payload = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        }

        init(job: String, json: String) {
            self.job = job
            self.payload = json
        }

        /// The payload as queued: the job is also told which recharge paid for it (`recharge_id`), so what it pays
        /// can remember where the money came from (a deposit refunded back through the provider).
        func payload(recharge id: String) -> String {
            guard var object = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] else { return payload }
            object["recharge_id"] = id
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return payload }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// What confirming a trade did.
    public enum Confirmation: Sendable, Equatable {
        /// This call marked the recharge paid and credited the wallet.
        case credited
        /// The recharge was paid before: by this same trade (a repeated report) or, `sameTrade == false`, another one.
        case alreadyPaid(sameTrade: Bool)
    }

    /// The guarded update found the recharge no longer unpaid.
    struct NotUnpaid: Error {}

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// A new unpaid recharge of `amount` cents; a number that clashes with another gets a fresh suffix.
    public func create(userID: Int, amount: Int64, payMethod: PayMethod, then followUp: FollowUp? = nil) async throws -> Recharge {
        var attempt = 0
        while true {
            attempt += 1
            let now = services.clock.now()
            let id = RechargeRules.number(fromOrderNumber: OrderPlacement.newOrderNumber(userID: userID, now: now))
            do {
                try await services.sql().raw("""
                    INSERT INTO wallet_recharges (id, user_id, amount, pay_method, status, then_job, then_payload, create_time, update_time)
                    VALUES (\(bind: id), \(bind: userID), \(bind: amount), \(bind: payMethod.rawValue), \(bind: Status.unpaid.rawValue),
                            \(bind: followUp?.job), \(bind: followUp?.payload), \(bind: now), \(bind: now))
                    """).run()
                return Recharge(id: id, userID: userID, amount: amount, payMethod: payMethod, status: .unpaid, tradeID: nil,
                                createTime: now, paidTime: nil, followUp: followUp)
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 5 {
                continue
            }
        }
    }

    public func find(_ id: String) async throws -> Recharge? {
        guard RechargeRules.isRechargeNumber(id) else { return nil }
        return try await services.readSQL().raw("""
            SELECT id, user_id, amount, pay_method, status, trade_id, create_time, paid_time, then_job, then_payload FROM wallet_recharges
            WHERE id = \(bind: id)
            """).first().map(Self.recharge)
    }

    /// The user's own recharge, or nil (also for someone else's).
    public func find(_ id: String, userID: Int) async throws -> Recharge? {
        guard let recharge = try await find(id), recharge.userID == userID else { return nil }
        return recharge
    }

    /// Marks the recharge paid by `tradeID` and credits the wallet, once: a second report of the trade finds it paid.
    public func confirm(id: String, tradeID: String, provider: String) async throws -> Confirmation {
        guard let recharge = try await find(id) else { throw NotUnpaid() }
        if recharge.status == .paid { return .alreadyPaid(sameTrade: recharge.tradeID == tradeID) }
        let now = services.clock.now()
        var plan = WritePlan()
        plan.require("""
            UPDATE wallet_recharges SET status = \(bind: Status.paid.rawValue), trade_id = \(bind: tradeID), provider = \(bind: provider),
                   paid_time = \(bind: now), update_time = \(bind: now)
            WHERE id = \(bind: id) AND status = \(bind: Status.unpaid.rawValue)
            """, touches: 1) { _ in NotUnpaid() }
        plan.append(Ledger(.wallet, services: services).creditSteps(userID: recharge.userID, amount: recharge.amount, reason: .recharge,
                                                                    orderID: id, now: now))
        if let followUp = recharge.followUp {
            plan.write(JobQueue.insertStatement(followUp.job, json: followUp.payload(recharge: id), uniqueKey: "recharge:\(id)", now: now))
        }
        do {
            try await services.planExecutor.execute(plan)
            return .credited
        } catch is NotUnpaid {
            let now = try await find(id)
            return .alreadyPaid(sameTrade: now?.tradeID == tradeID)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The trade id is unique: this trade already paid another recharge (a provider mixing up numbers).
            return .alreadyPaid(sameTrade: false)
        }
    }

    /// Unpaid recharges of `payMethod` created inside the window, oldest first (for reconciliation with the provider).
    public func unpaidIDs(payMethod: PayMethod, createdAfter: Date, createdBefore: Date, limit: Int) async throws -> [String] {
        try await services.readSQL().raw("""
            SELECT id FROM wallet_recharges
            WHERE status = \(bind: Status.unpaid.rawValue) AND pay_method = \(bind: payMethod.rawValue)
              AND create_time > \(bind: createdAfter) AND create_time < \(bind: createdBefore)
            ORDER BY create_time LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "id", as: String.self) }
    }

    static func recharge(_ row: any SQLRow) throws -> Recharge {
        Recharge(id: try row.decode(column: "id", as: String.self), userID: try row.decode(column: "user_id", as: Int.self),
                 amount: try row.decode(column: "amount", as: Int64.self),
                 payMethod: PayMethod(rawValue: try row.decode(column: "pay_method", as: Int.self)) ?? .alipay,
                 status: Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .unpaid,
                 tradeID: try row.decode(column: "trade_id", as: String?.self),
                 createTime: try row.decode(column: "create_time", as: Date.self),
                 paidTime: try row.decode(column: "paid_time", as: Date?.self),
                 followUp: try row.decode(column: "then_job", as: String?.self).map { job in
                     FollowUp(job: job, json: try row.decode(column: "then_payload", as: String?.self) ?? "{}")
                 })
    }
}
