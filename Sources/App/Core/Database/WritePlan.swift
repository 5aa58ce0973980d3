import SQLKit

/// Writes that happen all together or not at all, as plain statements, each owned by the domain that built it.
/// A checkout builds one: Orders adds its rows, Cart its clean-up, Catalog its stock (last: the hot rows),
/// later Promotions and Wallet their conditional updates. A `PlanExecutor` runs the whole plan atomically — one
/// statement on PostgreSQL, one transaction on SQLite — so business logic exists once, above the SQL dialect.
///
/// A step's SQL is a single INSERT, UPDATE or DELETE without `RETURNING` (the executor adds what it needs).
/// Steps see the database as it was before the plan, never each other's writes (PostgreSQL runs them against one
/// snapshot), and no two steps may update the same row: a plan is built from values read beforehand.
/// A required step must touch exactly the rows it names, or the whole plan is undone: that is how a plan says
/// "only if there is stock", "only if the coupon is unused", "only if the order is still unpaid".
public struct WritePlan: Sendable {
    /// Why a required step touched fewer rows than it must: the step's owner reads the current state and
    /// answers the refusal to show (e.g. 库存不足), or nil when nothing is wrong any more (worth another try).
    public typealias Explanation = @Sendable (any SQLDatabase) async throws -> (any Error)?

    public struct Step: Sendable {
        public let sql: SQLQueryString
        /// Rows the step must touch; nil when any number will do.
        public let required: Int?
        public let explain: Explanation?
    }

    public private(set) var steps: [Step] = []

    public init() {}

    /// A write that must touch exactly `rows` rows; otherwise nothing of the plan is written and `explain` says why.
    public mutating func require(_ sql: SQLQueryString, touches rows: Int, else explain: @escaping Explanation) {
        steps.append(Step(sql: sql, required: rows, explain: explain))
    }

    /// A write whose row count does not matter (an insert, a clean-up, a counter).
    public mutating func write(_ sql: SQLQueryString) {
        steps.append(Step(sql: sql, required: nil, explain: nil))
    }

    public mutating func append(_ other: WritePlan) {
        steps += other.steps
    }

    public var isEmpty: Bool { steps.isEmpty }
}

/// A required step touched fewer rows than it must, and its owner found nothing to refuse when asked afterwards
/// (the state moved back in between, or a price changed): the caller may build the plan again and retry.
public struct PlanShortfall: Error, Equatable {
    public let step: Int
}

/// Runs a plan atomically on one kind of database.
public protocol PlanExecutor: Sendable {
    func execute(_ plan: WritePlan) async throws
}
