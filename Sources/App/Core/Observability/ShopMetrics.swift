import Foundation
import Prometheus
import Synchronization

/// The Prometheus collectors the shop exports at `/metrics`: HTTP traffic by route and status, latency
/// histograms, and the job queue (depth read from the `jobs` table at scrape time, outcomes counted here).
public final class ShopMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]
    static let queueStates = ["ready", "running", "dead"]

    public init() {}

    /// `route` is the router's pattern (`/skus/{id}`), never the raw path, so label values stay few.
    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
        registry.makeDurationHistogram(descriptor: Self.requestDuration, labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    public func recordJob(kind: String, succeeded: Bool, duration: Duration) {
        registry.makeCounter(descriptor: Self.jobsRun, labels: [("kind", kind), ("outcome", succeeded ? "done" : "failed")]).increment()
        if !succeeded { registry.makeCounter(descriptor: Self.jobFailures, labels: [("kind", kind)]).increment() }
        registry.makeDurationHistogram(descriptor: Self.jobDuration, labels: [("kind", kind)], buckets: Self.latencyBuckets)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// Sets the queue-depth gauges from a fresh count; kinds no longer queued drop back to zero.
    public func updateQueueDepth(_ counts: [JobQueue.DepthKey: Int]) {
        let seen = Set(counts.keys)
        knownDepthKeys.withLock { known in
            for key in known.subtracting(seen) { gauge(for: key).set(Int64(0)) }
            known.formUnion(seen)
        }
        for (key, count) in counts { gauge(for: key).set(Int64(count)) }
    }

    /// A connection closed because it stalled (`phase`: header, body or idle).
    public func recordConnectionTimeout(phase: String) {
        registry.makeCounter(descriptor: Self.connectionTimeouts, labels: [("phase", phase)]).increment()
    }

    public func exposition() -> [UInt8] { registry.emitToBuffer() }

    private let knownDepthKeys = Mutex<Set<JobQueue.DepthKey>>([])

    private func gauge(for key: JobQueue.DepthKey) -> Gauge {
        registry.makeGauge(descriptor: Self.queueDepth, labels: [("kind", key.kind), ("state", key.state)])
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    static var requests: MetricNameDescriptor { MetricNameDescriptor(namespace: "meiduo", metricName: "http_requests", unitName: "total",
                                               helpText: "HTTP requests answered, by route pattern, method and status.") }
    static var requestDuration: MetricNameDescriptor { MetricNameDescriptor(namespace: "meiduo", metricName: "http_request_duration", unitName: "seconds",
                                                      helpText: "Time from request head to response, by route pattern and method.") }
    static var jobsRun: MetricNameDescriptor { MetricNameDescriptor(namespace: "meiduo", metricName: "jobs_run", unitName: "total",
                                              helpText: "Jobs this process ran, by kind and outcome.") }
    static var jobFailures: MetricNameDescriptor { MetricNameDescriptor(namespace: "meiduo", metricName: "job_failures", unitName: "total",
                                                  helpText: "Job attempts that threw, by kind (retried until dead).") }
    static var jobDuration: MetricNameDescriptor { MetricNameDescriptor(namespace: "meiduo", metricName: "job_duration", unitName: "seconds",
                                                  helpText: "Time a job's handler ran, by kind.") }
    static var connectionTimeouts: MetricNameDescriptor { MetricNameDescriptor(namespace: "meiduo", metricName: "http_connection_timeouts", unitName: "total",
                                                         helpText: "Connections closed for stalling, by phase (header, body, idle).") }
    static var queueDepth: MetricNameDescriptor { MetricNameDescriptor(namespace: "meiduo", metricName: "jobs_queued", unitName: "jobs",
                                                 helpText: "Jobs in the queue by kind and state (ready, running, dead), counted at scrape.") }
}
