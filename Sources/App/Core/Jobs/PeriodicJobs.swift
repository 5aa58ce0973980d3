import Foundation
import Logging
import ServiceLifecycle

/// Recurring work: every process enqueues each periodic job once per interval bucket; the unique key
/// makes that one job per bucket across all `serve` and `worker` processes.
public struct PeriodicJobScheduler: Service {
    public struct Entry: Sendable {
        public let kind: String
        public let interval: TimeInterval
        public init(kind: String, interval: TimeInterval) {
            self.kind = kind
            self.interval = interval
        }
    }

    let services: AppServices
    let entries: [Entry]
    let logger: Logger

    public init(services: AppServices, entries: [Entry], logger: Logger) {
        self.services = services
        self.entries = entries
        self.logger = logger
    }

    public func run() async throws {
        // Sleeping is cut short by shutdown; that is the normal way out, not a failure.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await enqueueDue()
                try await Task.sleep(for: .seconds(15))
            }
        }
    }

    public func enqueueDue(now: Date? = nil) async {
        let now = now ?? services.clock.now()
        for entry in entries {
            let bucket = Int(now.timeIntervalSince1970 / entry.interval)
            do {
                try await JobQueue.enqueue(entry.kind, payload: EmptyPayload(), on: services.database.db(), uniqueKey: "periodic:\(entry.kind):\(bucket)", now: now)
            } catch {
                logger.error("scheduling periodic job failed", metadata: ["kind": "\(entry.kind)", "error": "\(error)"])
            }
        }
    }
}

public struct EmptyPayload: Codable, Sendable { public init() {} }

/// Housekeeping every domain relies on.
enum CoreJobs {
    static let purgeExpiredValues = "core.purge_expired_values"
    static let purgeFinishedJobs = "core.purge_finished_jobs"
    static let sweepStagedUploads = "core.sweep_staged_uploads"

    static func register(in registry: inout JobRegistry) {
        registry.register(purgeExpiredValues) { context in
            try await context.services.keyValues().purgeExpired()
        }
        registry.register(purgeFinishedJobs) { context in
            try await context.services.jobQueue().purgeFinished(olderThan: 7 * 86_400)
        }
        registry.register(sweepStagedUploads) { context in
            let services = context.services
            let removed = try await StagedFile.sweep(services.storage.stagingDirectory, olderThan: 86_400, now: services.clock.now())
            if removed > 0 { context.logger.info("interrupted uploads removed", metadata: ["count": "\(removed)"]) }
        }
    }

    static let periodic: [PeriodicJobScheduler.Entry] = [
        .init(kind: purgeExpiredValues, interval: 600),
        .init(kind: purgeFinishedJobs, interval: 3600),
        .init(kind: sweepStagedUploads, interval: 3600),
    ]
}
