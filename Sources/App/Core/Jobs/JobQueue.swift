import FluentKit
import Foundation
import SQLKit

/// A job as a worker sees it after claiming it.
public struct ClaimedJob: Sendable {
    public let id: Int64
    public let kind: String
    public let payload: String
    public let attempts: Int
    public let maxAttempts: Int

    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(payload.utf8))
    }
}

/// Enqueues, claims and settles jobs in the `jobs` table. Every method is one statement, so it is safe
/// with any number of workers: PostgreSQL claims with `FOR UPDATE SKIP LOCKED`, SQLite has a single writer.
public struct JobQueue: Sendable {
    public static let defaultMaxAttempts = 5

    /// Adds a job using `database`, which may be the caller's transaction: a rollback drops the job too. It runs
    /// at `runAt` (default: `now`, the caller's clock). With a `uniqueKey`, a second enqueue of the same key is
    /// ignored; returns whether a job was added.
    @discardableResult
    public static func enqueue(
        _ kind: String, payload: some Encodable & Sendable, on database: any Database,
        runAt: Date? = nil, uniqueKey: String? = nil, maxAttempts: Int = defaultMaxAttempts, now: Date
    ) async throws -> Bool {
        let insert = try insertStatement(kind, payload: payload, runAt: runAt, uniqueKey: uniqueKey, maxAttempts: maxAttempts, now: now)
        let rows = try await (database as! any SQLDatabase).raw("\(insert) RETURNING id").all()
        return !rows.isEmpty
    }

    /// The `INSERT` that enqueues a job, for callers that embed it in a larger statement (a PostgreSQL CTE).
    public static func insertStatement(
        _ kind: String, payload: some Encodable & Sendable, runAt: Date? = nil, uniqueKey: String? = nil, maxAttempts: Int = defaultMaxAttempts,
        now: Date
    ) throws -> SQLQueryString {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        return insertStatement(kind, json: json, runAt: runAt, uniqueKey: uniqueKey, maxAttempts: maxAttempts, now: now)
    }

    /// The same with a payload already encoded (one stored to be queued later, e.g. a recharge's follow-up).
    public static func insertStatement(
        _ kind: String, json: String, runAt: Date? = nil, uniqueKey: String? = nil, maxAttempts: Int = defaultMaxAttempts, now: Date
    ) -> SQLQueryString {
        return """
            INSERT INTO jobs (kind, payload, run_at, attempts, max_attempts, state, unique_key, create_time, update_time)
            VALUES (\(bind: kind), \(bind: json), \(bind: ShopClock.millis(runAt ?? now)), 0, \(bind: maxAttempts), 'ready', \(bind: uniqueKey), \(bind: now), \(bind: now))
            ON CONFLICT (unique_key) DO NOTHING
            """
    }

    let database: any SQLDatabase
    let kind: DatabaseKind
    let clock: ShopClock

    public init(database: any SQLDatabase, kind: DatabaseKind, clock: ShopClock) {
        self.database = database
        self.kind = kind
        self.clock = clock
    }

    /// Takes the next due job (or one whose worker's lease ran out, i.e. crashed) and leases it to `worker`.
    public func claim(worker: String, lease: TimeInterval) async throws -> ClaimedJob? {
        let now = clock.nowMillis()
        let lock = kind == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        let row = try await database.raw("""
            UPDATE jobs SET state = 'running', locked_by = \(bind: worker), locked_until = \(bind: now + Int64(lease * 1000)),
                   attempts = attempts + 1, update_time = \(bind: clock.now())
            WHERE id = (
                SELECT id FROM jobs
                WHERE (state = 'ready' AND run_at <= \(bind: now)) OR (state = 'running' AND locked_until < \(bind: now))
                ORDER BY run_at, id LIMIT 1 \(unsafeRaw: lock)
            )
            RETURNING id, kind, payload, attempts, max_attempts
            """).first()
        guard let row else { return nil }
        return ClaimedJob(
            id: try row.decode(column: "id", as: Int64.self),
            kind: try row.decode(column: "kind", as: String.self),
            payload: try row.decode(column: "payload", as: String.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            maxAttempts: try row.decode(column: "max_attempts", as: Int.self)
        )
    }

    public func complete(_ job: ClaimedJob, worker: String) async throws {
        try await database.raw("""
            UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL, update_time = \(bind: clock.now())
            WHERE id = \(bind: job.id) AND locked_by = \(bind: worker)
            """).run()
    }

    /// Records a failure: retried later with exponential backoff, or dead once attempts are used up.
    public func fail(_ job: ClaimedJob, worker: String, error: String) async throws {
        let dead = job.attempts >= job.maxAttempts
        let retryAt = clock.nowMillis() + Self.backoffMillis(attempt: job.attempts)
        try await database.raw("""
            UPDATE jobs SET state = \(bind: dead ? "dead" : "ready"), run_at = \(bind: retryAt), locked_by = NULL, locked_until = NULL,
                   last_error = \(bind: String(error.prefix(2000))), update_time = \(bind: clock.now())
            WHERE id = \(bind: job.id) AND locked_by = \(bind: worker)
            """).run()
    }

    /// 2, 4, 8 … seconds, capped at an hour.
    static func backoffMillis(attempt: Int) -> Int64 {
        Int64(min(3600, 1 << min(max(attempt, 1), 12))) * 1000
    }

    /// Jobs waiting to run, for metrics and tests.
    public func count(state: String) async throws -> Int {
        try await database.raw("SELECT COUNT(*) AS n FROM jobs WHERE state = \(bind: state)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public struct DepthKey: Hashable, Sendable {
        public let kind: String
        public let state: String
    }

    /// Unfinished and dead jobs by kind and state, for the queue-depth gauges (uses `jobs_claim_idx`).
    public func depth() async throws -> [DepthKey: Int] {
        let rows = try await database.raw("""
            SELECT kind, state, COUNT(*) AS n FROM jobs WHERE state IN ('ready', 'running', 'dead') GROUP BY kind, state
            """).all()
        var counts: [DepthKey: Int] = [:]
        for row in rows {
            counts[DepthKey(kind: try row.decode(column: "kind", as: String.self), state: try row.decode(column: "state", as: String.self))] =
                try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Deletes finished jobs older than `age`.
    public func purgeFinished(olderThan age: TimeInterval) async throws {
        try await database.raw("DELETE FROM jobs WHERE state = 'done' AND run_at < \(bind: clock.nowMillis() - Int64(age * 1000))").run()
    }
}
