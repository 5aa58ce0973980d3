import FluentKit
import Foundation
import PostgresNIO
import SQLKit

/// PostgreSQL: the whole plan is one statement of data-modifying CTEs, so it commits by itself and a hot row (a
/// SKU many buy at once) is locked only for the statement's execution and commit, never across round trips.
/// Each required step's row count is checked by a division that fails (and undoes the statement) when it is off.
struct PostgresPlanExecutor: PlanExecutor {
    let database: DatabaseManager
    /// `division_by_zero`: a required step touched the wrong number of rows.
    static let shortfallState = "22012"

    func execute(_ plan: WritePlan) async throws {
        guard !plan.isEmpty else { return }
        let sql = database.sql()
        do {
            try await sql.raw(Self.statement(plan)).run()
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.shortfallState {
            throw try await PlanExplanation.refusal(for: plan, steps: plan.steps.indices.filter { plan.steps[$0].required != nil }, on: sql)
        }
    }

    /// `WITH s0 AS (…), s1 AS (… RETURNING 1), … SELECT <checks>`. The checks are the top-level select list, which
    /// PostgreSQL always evaluates: a check in an unreferenced CTE could be optimised away.
    static func statement(_ plan: WritePlan) -> SQLQueryString {
        var query: SQLQueryString = "WITH "
        var checks: [String] = []
        for (index, step) in plan.steps.enumerated() {
            query.appendInterpolation(unsafeRaw: index == 0 ? "s0 AS (" : ",\ns\(index) AS (")
            query.appendInterpolation(step.sql)
            if let rows = step.required {
                query.appendInterpolation(unsafeRaw: " RETURNING 1)")
                checks.append("1 / (CASE WHEN (SELECT COUNT(*) FROM s\(index)) = \(rows) THEN 1 ELSE 0 END) AS ok\(index)")
            } else {
                query.appendInterpolation(unsafeRaw: ")")
            }
        }
        query.appendInterpolation(unsafeRaw: "\nSELECT " + (checks.isEmpty ? "1 AS ok" : checks.joined(separator: ", ")))
        return query
    }
}

/// SQLite: one writer. Plans that arrive while the writer is busy are committed together (group commit): one
/// transaction holds a batch, each plan inside a savepoint of its own, so each is still all-or-nothing — a
/// plan that falls short is rolled back to its savepoint alone and the others commit.
actor SQLitePlanExecutor: PlanExecutor {
    let database: DatabaseManager
    static let largestBatch = 64

    private struct Pending {
        let plan: WritePlan
        let continuation: CheckedContinuation<Void, any Error>
    }

    private var pending: [Pending] = []
    private var draining = false

    init(database: DatabaseManager) {
        self.database = database
    }

    func execute(_ plan: WritePlan) async throws {
        guard !plan.isEmpty else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append(Pending(plan: plan, continuation: continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    /// Commits batches until nothing waits; plans that arrive meanwhile join the next batch.
    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.largestBatch))
            pending.removeFirst(batch.count)
            let outcomes = await Self.commit(batch.map(\.plan), database: database)
            for (item, outcome) in zip(batch, outcomes) { item.continuation.resume(with: outcome) }
        }
        draining = false
    }

    private static func commit(_ plans: [WritePlan], database: DatabaseManager) async -> [Result<Void, any Error>] {
        let succeeded = [Result<Void, any Error>](repeating: .success(()), count: plans.count)
        do {
            return try await database.db().transaction { tx in
                let sql = tx as! any SQLDatabase
                var outcomes = succeeded
                for (index, plan) in plans.enumerated() {
                    try await sql.raw("SAVEPOINT plan").run()
                    do {
                        if let short = try await run(plan, on: sql) {
                            try await sql.raw("ROLLBACK TO plan").run()
                            outcomes[index] = .failure(try await PlanExplanation.refusal(for: plan, steps: [short], on: sql))
                        }
                    } catch {
                        try await sql.raw("ROLLBACK TO plan").run()
                        outcomes[index] = .failure(error)
                    }
                    try await sql.raw("RELEASE plan").run()
                }
                return outcomes
            }
        } catch {
            // The batch's transaction itself failed: nothing of it was written.
            return succeeded.map { _ in .failure(error) }
        }
    }

    /// Runs the steps in order; the index of the first required step that touched the wrong number of rows, or nil.
    private static func run(_ plan: WritePlan, on sql: any SQLDatabase) async throws -> Int? {
        for (index, step) in plan.steps.enumerated() {
            guard let rows = step.required else {
                try await sql.raw(step.sql).run()
                continue
            }
            var counted = step.sql
            counted.appendInterpolation(unsafeRaw: " RETURNING 1 AS touched")
            if try await sql.raw(counted).all().count != rows { return index }
        }
        return nil
    }
}

extension WritePlan {
    /// Runs the plan's steps in order inside the caller's transaction (a payment's, say); a required step that
    /// touches the wrong number of rows throws its owner's refusal, and the caller's transaction rolls back.
    public func run(inTransaction sql: any SQLDatabase) async throws {
        for (index, step) in steps.enumerated() {
            guard let rows = step.required else {
                try await sql.raw(step.sql).run()
                continue
            }
            var counted = step.sql
            counted.appendInterpolation(unsafeRaw: " RETURNING 1 AS touched")
            if try await sql.raw(counted).all().count != rows {
                throw try await PlanExplanation.refusal(for: self, steps: [index], on: sql)
            }
        }
    }
}

enum PlanExplanation {
    /// The first refusal the owners of `steps` give on the current state, or `PlanShortfall` when none has one.
    static func refusal(for plan: WritePlan, steps: [Int], on sql: any SQLDatabase) async throws -> any Error {
        for index in steps {
            if let refusal = try await plan.steps[index].explain?(sql) { return refusal }
        }
        return PlanShortfall(step: steps.first ?? 0)
    }
}
