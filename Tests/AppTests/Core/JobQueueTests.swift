import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
@testable import App

/// Records which job payloads ran, and how often.
final class RunLog: Sendable {
    private let box = NIOLockedValueBox<[String: Int]>([:])
    func record(_ key: String) { box.withLockedValue { $0[key, default: 0] += 1 } }
    var runs: [String: Int] { box.withLockedValue { $0 } }
}

struct TestPayload: Codable, Sendable { let name: String }

struct TestJobFailure: Error {}

@Suite struct JobQueueTests {
    func worker(_ env: TestEnvironment, log: RunLog, failing: Bool = false) -> JobWorker {
        var registry = JobRegistry()
        registry.register("test.record", TestPayload.self) { payload, _ in
            log.record(payload.name)
            if failing { throw TestJobFailure() }
        }
        return JobWorker(services: env.services, registry: registry, concurrency: 1, logger: TestDatabases.logger)
    }

    func state(of name: String, _ env: TestEnvironment) async throws -> (state: String, attempts: Int) {
        let row = try await env.services.sql().raw("SELECT state, attempts FROM jobs WHERE payload LIKE \(bind: "%\(name)%")").first()!
        return (try row.decode(column: "state", as: String.self), try row.decode(column: "attempts", as: Int.self))
    }

    @Test func committedJobRuns() async throws {
        try await withServices { env in
            // setup
            let log = RunLog()
            try await JobQueue.enqueue("test.record", payload: TestPayload(name: "a"), on: env.services.db(), now: env.services.clock.now())
            // act
            let ran = await worker(env, log: log).drain()
            // check
            #expect(ran == 1)
            #expect(log.runs == ["a": 1])
            #expect(try await state(of: "a", env).state == "done")
        }
    }

    @Test func jobEnqueuedInRolledBackTransactionNeverRuns() async throws {
        try await withServices { env in
            // setup
            let log = RunLog()
            // act
            await #expect(throws: TestJobFailure.self) {
                try await env.services.db().transaction { tx in
                    try await JobQueue.enqueue("test.record", payload: TestPayload(name: "ghost"), on: tx, now: env.services.clock.now())
                    throw TestJobFailure()
                }
            }
            let ran = await worker(env, log: log).drain()
            let waiting = try await env.services.jobQueue().count(state: "ready")
            // check
            #expect(ran == 0)
            #expect(log.runs.isEmpty)
            #expect(waiting == 0)
        }
    }

    @Test func scheduledJobWaitsForItsTime() async throws {
        try await withServices { env in
            // setup
            let log = RunLog()
            try await JobQueue.enqueue("test.record", payload: TestPayload(name: "later"), on: env.services.db(), runAt: env.services.clock.now().addingTimeInterval(3600), now: env.services.clock.now())
            // act
            let ran = await worker(env, log: log).drain()
            // check
            #expect(ran == 0)
            #expect(try await env.services.jobQueue().count(state: "ready") == 1)
        }
    }

    @Test func failingJobIsRetriedLaterThenMarkedDead() async throws {
        try await withServices { env in
            // setup
            let log = RunLog()
            let failing = worker(env, log: log, failing: true)
            try await JobQueue.enqueue("test.record", payload: TestPayload(name: "flaky"), on: env.services.db(), maxAttempts: 2, now: env.services.clock.now())
            // act: the first failure schedules a retry in the future
            await failing.runOne()
            let afterFirst = try await state(of: "flaky", env)
            let retryImmediately = await failing.runOne()
            try await env.services.sql().raw("UPDATE jobs SET run_at = 0").run()
            await failing.runOne()
            // check
            #expect(afterFirst.state == "ready")
            #expect(!retryImmediately)
            #expect(try await state(of: "flaky", env) == ("dead", 2))
            #expect(log.runs["flaky"] == 2)
        }
    }

    @Test func jobOfACrashedWorkerIsRunAgain() async throws {
        try await withServices { env in
            // setup: a worker claims the job and dies, so its lease simply runs out
            let log = RunLog()
            try await JobQueue.enqueue("test.record", payload: TestPayload(name: "orphan"), on: env.services.db(), now: env.services.clock.now())
            let claimed = try await env.services.jobQueue().claim(worker: "crashed", lease: -1)
            // act
            let ran = await worker(env, log: log).drain()
            // check
            #expect(claimed != nil)
            #expect(ran == 1)
            #expect(log.runs == ["orphan": 1])
            #expect(try await state(of: "orphan", env) == ("done", 2))
        }
    }

    @Test func uniqueKeyMakesEnqueueIdempotent() async throws {
        try await withServices { env in
            // act
            let first = try await JobQueue.enqueue("test.record", payload: TestPayload(name: "once"), on: env.services.db(), uniqueKey: "k1", now: env.services.clock.now())
            let second = try await JobQueue.enqueue("test.record", payload: TestPayload(name: "once"), on: env.services.db(), uniqueKey: "k1", now: env.services.clock.now())
            // check
            #expect(first)
            #expect(!second)
            #expect(try await env.services.jobQueue().count(state: "ready") == 1)
        }
    }

    @Test(.heavy) func concurrentWorkersRunEveryJobExactlyOnce() async throws {
        try await withServices { env in
            // setup
            let log = RunLog()
            for i in 0..<40 {
                try await JobQueue.enqueue("test.record", payload: TestPayload(name: "job\(i)"), on: env.services.db(), now: env.services.clock.now())
            }
            // act: four workers, each with its own connection on PostgreSQL, drain the queue at once
            await withTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask { await worker(env, log: log).drain() }
                }
            }
            // check
            #expect(log.runs.count == 40)
            #expect(log.runs.values.allSatisfy { $0 == 1 })
            #expect(try await env.services.jobQueue().count(state: "done") == 40)
        }
    }
}
