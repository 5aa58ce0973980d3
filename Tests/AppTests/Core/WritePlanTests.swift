import FluentKit
import Foundation
import SQLKit
import Testing
@testable import App

/// The plan executors: a plan is written whole or not at all, on SQLite (group-committed savepoints) and on
/// PostgreSQL (one statement).
@Suite struct WritePlanTests {
    struct Refused: Error, Equatable { let why: String }

    static func insert(_ key: String, now: Date) -> SQLQueryString {
        "INSERT INTO kv_entries (entry_key, value, expires_at, create_time, update_time) VALUES (\(bind: key), 'v', 4102444800000, \(bind: now), \(bind: now))"
    }

    static func keys(_ env: TestEnvironment) async throws -> [String] {
        try await env.services.sql().raw("SELECT entry_key FROM kv_entries ORDER BY entry_key").all().map { try $0.decode(column: "entry_key", as: String.self) }
    }

    @Test func aPlanWhoseStepsAllHoldIsWrittenWhole() async throws {
        try await withServices { env in
            // setup: two rows that exist before the plan (steps see the state before the plan, not each other's writes)
            let now = env.services.clock.now()
            try await env.services.sql().raw(Self.insert("x", now: now)).run()
            try await env.services.sql().raw(Self.insert("y", now: now)).run()
            var plan = WritePlan()
            plan.write(Self.insert("a", now: now))
            plan.write(Self.insert("b", now: now))
            plan.require("UPDATE kv_entries SET value = 'w' WHERE entry_key IN ('x', 'y')", touches: 2) { _ in Refused(why: "never") }
            // act
            try await env.services.planExecutor.execute(plan)
            // check
            let keys = try await Self.keys(env)
            #expect(keys == ["a", "b", "x", "y"])
            #expect(try await env.services.sql().raw("SELECT COUNT(*) AS n FROM kv_entries WHERE value = 'w'").first()!.decode(column: "n", as: Int.self) == 2)
        }
    }

    @Test func aRequiredStepThatTouchesTooFewRowsUndoesEveryEarlierStep() async throws {
        try await withServices { env in
            // setup: two inserts, then an update that must touch a row that isn't there
            let now = env.services.clock.now()
            var plan = WritePlan()
            plan.write(Self.insert("a", now: now))
            plan.write(Self.insert("b", now: now))
            plan.require("UPDATE kv_entries SET value = 'w' WHERE entry_key = 'missing'", touches: 1) { _ in Refused(why: "no such row") }
            // act
            var refusal: (any Error)?
            do { try await env.services.planExecutor.execute(plan) } catch { refusal = error }
            // check: the step's owner explained it, and nothing was written
            #expect((refusal as? Refused)?.why == "no such row")
            let left = try await Self.keys(env)
            #expect(left.isEmpty)
        }
    }

    @Test func aRequiredStepThatTouchesTooManyRowsUndoesThePlanToo() async throws {
        try await withServices { env in
            // setup
            let now = env.services.clock.now()
            var plan = WritePlan()
            plan.write(Self.insert("a", now: now))
            plan.write(Self.insert("b", now: now))
            plan.require("DELETE FROM kv_entries WHERE entry_key IN ('a', 'b', 'c')", touches: 1) { _ in Refused(why: "too many") }
            // act / check
            await #expect(throws: Refused.self) { try await env.services.planExecutor.execute(plan) }
            let left = try await Self.keys(env)
            #expect(left.isEmpty)
        }
    }

    @Test func aShortfallNobodyExplainsIsAPlanShortfall() async throws {
        try await withServices { env in
            // setup: the owner finds nothing wrong when asked afterwards
            var plan = WritePlan()
            plan.write(Self.insert("a", now: env.services.clock.now()))
            plan.require("UPDATE kv_entries SET value = 'w' WHERE entry_key = 'missing'", touches: 1) { _ in nil }
            // act / check
            await #expect(throws: PlanShortfall.self) { try await env.services.planExecutor.execute(plan) }
            let left = try await Self.keys(env)
            #expect(left.isEmpty)
        }
    }

    @Test(.heavy) func concurrentPlansAreEachWholeOrNotAtAll() async throws {
        try await withServices { env in
            // setup: 40 plans at once, every other one ends with a step that can't hold
            let now = env.services.clock.now()
            let plans: [(Int, WritePlan)] = (0..<40).map { index in
                var plan = WritePlan()
                plan.write(Self.insert(String(format: "k%02d-1", index), now: now))
                plan.write(Self.insert(String(format: "k%02d-2", index), now: now))
                if index % 2 == 1 {
                    plan.require("UPDATE kv_entries SET value = 'w' WHERE entry_key = 'missing'", touches: 1) { _ in Refused(why: "odd") }
                }
                return (index, plan)
            }
            // act
            let failed = await withTaskGroup(of: Int?.self) { group in
                for (index, plan) in plans {
                    group.addTask { (try? await env.services.planExecutor.execute(plan)) == nil ? index : nil }
                }
                return await group.reduce(into: Set<Int>()) { if let index = $1 { $0.insert(index) } }
            }
            // check: the odd plans failed and wrote nothing; the even ones wrote both rows
            #expect(failed == Set((0..<40).filter { $0 % 2 == 1 }))
            let expected = (0..<40).filter { $0 % 2 == 0 }.flatMap { [String(format: "k%02d-1", $0), String(format: "k%02d-2", $0)] }
            let written = try await Self.keys(env)
            #expect(written == expected)
        }
    }
}
