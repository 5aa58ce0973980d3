import Foundation
import Logging
import ServiceLifecycle

/// Runs jobs from the queue with a fixed number of concurrent loops. On graceful shutdown it stops
/// claiming and lets running jobs finish; a job cut off by a crash is reclaimed when its lease expires.
public struct JobWorker: Service {
    let services: AppServices
    let registry: JobRegistry
    let concurrency: Int
    let pollInterval: Duration
    let lease: TimeInterval
    let name: String
    let logger: Logger

    public init(services: AppServices, registry: JobRegistry, concurrency: Int, pollInterval: Duration = .milliseconds(250), lease: TimeInterval = 300, logger: Logger) {
        self.services = services
        self.registry = registry
        self.concurrency = concurrency
        self.pollInterval = pollInterval
        self.lease = lease
        self.name = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
        self.logger = logger
    }

    public func run() async throws {
        let stopping = StopFlag()
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for slot in 0..<concurrency {
                    group.addTask { await self.loop(slot: slot, stopping: stopping) }
                }
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            stopping.set()
        }
    }

    func loop(slot: Int, stopping: StopFlag) async {
        let worker = "\(name)#\(slot)"
        while !stopping.isSet && !Task.isCancelled {
            let ran = await runOne(worker: worker)
            if !ran { try? await Task.sleep(for: pollInterval) }
        }
    }

    /// Claims and runs one job; false when the queue had nothing due.
    @discardableResult
    public func runOne(worker: String? = nil) async -> Bool {
        let worker = worker ?? name
        let queue = services.jobQueue()
        let job: ClaimedJob
        do {
            guard let claimed = try await queue.claim(worker: worker, lease: lease) else { return false }
            job = claimed
        } catch {
            logger.error("claiming a job failed", metadata: ["error": "\(error)"])
            return false
        }
        var jobLogger = logger
        jobLogger[metadataKey: "job.id"] = "\(job.id)"
        jobLogger[metadataKey: "job.kind"] = "\(job.kind)"
        let started = ContinuousClock.now
        do {
            if job.attempts > job.maxAttempts { throw JobWorkerError.attemptsExhausted }
            guard let handler = registry.handler(for: job.kind) else { throw JobWorkerError.unknownKind(job.kind) }
            try await handler(JobContext(job: job, services: services, logger: jobLogger))
            try await queue.complete(job, worker: worker)
            services.metrics.recordJob(kind: job.kind, succeeded: true, duration: ContinuousClock.now - started)
        } catch {
            services.metrics.recordJob(kind: job.kind, succeeded: false, duration: ContinuousClock.now - started)
            jobLogger.warning("job failed", metadata: ["attempt": "\(job.attempts)", "error": "\(error)"])
            try? await queue.fail(job, worker: worker, error: "\(error)")
        }
        return true
    }

    /// Runs jobs until none is due; for commands and tests.
    public func drain(limit: Int = 1000) async -> Int {
        var count = 0
        while count < limit, await runOne() { count += 1 }
        return count
    }
}

enum JobWorkerError: Error, CustomStringConvertible {
    case unknownKind(String)
    case attemptsExhausted

    var description: String {
        switch self {
        case .unknownKind(let kind): return "no handler for job kind \(kind)"
        case .attemptsExhausted: return "attempts exhausted (worker crashed while running it)"
        }
    }
}

final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
