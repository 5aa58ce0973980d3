import Foundation
import SQLKit

/// The shop's two ledgers: the wallet (余额, seed 001, in cents) and credits (积分, seed 002, in points). Every change
/// is an append-only entry plus the account's balance moved by the same amount, in one plan, so a balance always
/// equals its ledger's sum. A debit is a conditional update (`balance >= amount`): it never goes below zero, whatever
/// runs at once.
public struct Ledger: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case wallet, credits
    }

    /// Why money or credits moved (shown in the user's ledger).
    public enum Reason: String, Sendable, CaseIterable {
        case orderPayment = "订单支付"
        case orderRefund = "订单退还"
        case orderEarned = "订单奖励"
        case earnedTakenBack = "退款扣回"
        case recharge = "充值"
        case staffAdjustment = "人工调整"
        case auctionDeposit = "拍卖保证金"
        case auctionDepositRefund = "保证金退还"
        case auctionPayment = "拍品支付"
    }

    /// The account has less than the debit asks for.
    public struct Insufficient: Error, Equatable {
        public let kind: Kind
    }

    let services: AppServices
    public let kind: Kind

    public init(_ kind: Kind, services: AppServices) {
        self.kind = kind
        self.services = services
    }

    public func balance(userID: Int) async throws -> Int64 {
        try await services.readSQL().raw("""
            SELECT balance FROM ledger_accounts WHERE ledger = \(bind: kind.rawValue) AND user_id = \(bind: userID)
            """).first()?.decode(column: "balance", as: Int64.self) ?? 0
    }

    /// The sum of the user's entries (what the balance must always equal).
    public func entriesSum(userID: Int) async throws -> Int64 {
        try await services.readSQL().raw("""
            SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM ledger_entries WHERE ledger = \(bind: kind.rawValue) AND user_id = \(bind: userID)
            """).first()?.decode(column: "total", as: Int64.self) ?? 0
    }

    public struct Entry: Sendable, Equatable {
        public let id: Int
        public let amount: Int64
        public let reason: String
        public let orderID: String?
        public let time: Date
        public let balanceAfter: Int64
    }

    public func count(userID: Int) async throws -> Int {
        try await services.readSQL().raw("""
            SELECT COUNT(*) AS n FROM ledger_entries WHERE ledger = \(bind: kind.rawValue) AND user_id = \(bind: userID)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// A page of entries, newest first, each with the balance right after it (the running sum up to it).
    public func entries(userID: Int, limit: Int, offset: Int) async throws -> [Entry] {
        try await services.readSQL().raw("""
            SELECT id, amount, reason, order_id, create_time, balance_after FROM (
                SELECT id, amount, reason, order_id, create_time,
                       CAST(SUM(amount) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS balance_after
                FROM ledger_entries WHERE ledger = \(bind: kind.rawValue) AND user_id = \(bind: userID)
            ) running ORDER BY id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map { row in
                Entry(id: try row.decode(column: "id", as: Int.self), amount: try row.decode(column: "amount", as: Int64.self),
                      reason: try row.decode(column: "reason", as: String.self), orderID: try row.decode(column: "order_id", as: String?.self),
                      time: try row.decode(column: "create_time", as: Date.self), balanceAfter: try row.decode(column: "balance_after", as: Int64.self))
            }
    }

    /// Steps that take `amount` from the user (only if the balance covers it) and record why.
    public func debitSteps(userID: Int, amount: Int64, reason: Reason, note: String? = nil, orderID: String? = nil, staffID: Int? = nil,
                           now: Date) -> WritePlan {
        var plan = WritePlan()
        guard amount > 0 else { return plan }
        plan.write(entry(userID: userID, amount: -amount, reason: reason, note: note, orderID: orderID, staffID: staffID, now: now))
        let kind = self.kind
        plan.require("""
            UPDATE ledger_accounts SET balance = balance - \(bind: amount), update_time = \(bind: now)
            WHERE ledger = \(bind: kind.rawValue) AND user_id = \(bind: userID) AND balance >= \(bind: amount)
            """, touches: 1) { _ in Insufficient(kind: kind) }
        return plan
    }

    /// Steps that give `amount` to the user (opening the account if needed) and record why.
    public func creditSteps(userID: Int, amount: Int64, reason: Reason, note: String? = nil, orderID: String? = nil, staffID: Int? = nil,
                            now: Date) -> WritePlan {
        var plan = WritePlan()
        guard amount > 0 else { return plan }
        plan.write(entry(userID: userID, amount: amount, reason: reason, note: note, orderID: orderID, staffID: staffID, now: now))
        plan.write("""
            INSERT INTO ledger_accounts (ledger, user_id, balance, create_time, update_time)
            VALUES (\(bind: kind.rawValue), \(bind: userID), \(bind: amount), \(bind: now), \(bind: now))
            ON CONFLICT (ledger, user_id) DO UPDATE SET balance = ledger_accounts.balance + excluded.balance, update_time = excluded.update_time
            """)
        return plan
    }

    /// Steps that record several movements of one account at once (an order given back: the credits it used come
    /// back, the credits it earned go) with the account moved once by their sum — a statement may touch a row once.
    /// Unguarded: credits earned and already spent are taken back as a debt, so the balance still equals the ledger.
    public func adjustSteps(userID: Int, entries: [(amount: Int64, reason: Reason)], orderID: String?, now: Date) -> WritePlan {
        var plan = WritePlan()
        let moves = entries.filter { $0.amount != 0 }
        guard !moves.isEmpty else { return plan }
        for move in moves {
            plan.write(entry(userID: userID, amount: move.amount, reason: move.reason, note: nil, orderID: orderID, staffID: nil, now: now))
        }
        let net = moves.reduce(0) { $0 + $1.amount }
        guard net != 0 else { return plan }
        plan.write("""
            INSERT INTO ledger_accounts (ledger, user_id, balance, create_time, update_time)
            VALUES (\(bind: kind.rawValue), \(bind: userID), \(bind: net), \(bind: now), \(bind: now))
            ON CONFLICT (ledger, user_id) DO UPDATE SET balance = ledger_accounts.balance + excluded.balance, update_time = excluded.update_time
            """)
        return plan
    }

    /// Steps that take `amount` back even past zero (credits an order earned and the shopper spent before its refund):
    /// the debt is recorded as it is, so the balance still equals the ledger.
    public func takeBackSteps(userID: Int, amount: Int64, reason: Reason, orderID: String?, now: Date) -> WritePlan {
        var plan = WritePlan()
        guard amount > 0 else { return plan }
        plan.write(entry(userID: userID, amount: -amount, reason: reason, note: nil, orderID: orderID, staffID: nil, now: now))
        plan.write("""
            INSERT INTO ledger_accounts (ledger, user_id, balance, create_time, update_time)
            VALUES (\(bind: kind.rawValue), \(bind: userID), \(bind: -amount), \(bind: now), \(bind: now))
            ON CONFLICT (ledger, user_id) DO UPDATE SET balance = ledger_accounts.balance + excluded.balance, update_time = excluded.update_time
            """)
        return plan
    }

    /// An entry; a staff adjustment's `note` (why) follows the reason: 人工调整：补偿运费.
    func entry(userID: Int, amount: Int64, reason: Reason, note: String?, orderID: String?, staffID: Int?, now: Date) -> SQLQueryString {
        let text = note.map { "\(reason.rawValue)：\($0)" } ?? reason.rawValue
        return """
            INSERT INTO ledger_entries (ledger, user_id, amount, reason, order_id, staff_id, create_time, update_time)
            VALUES (\(bind: kind.rawValue), \(bind: userID), \(bind: amount), \(bind: text), \(bind: orderID), \(bind: staffID), \(bind: now), \(bind: now))
            """
    }
}
