import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

@Suite struct MetricsTests {
    @Test func countsRequestsByRoutePatternAndStatus() async throws {
        try await withApp { client, _ in
            // setup
            try await client.send(.get, "/areas/110000/")
            try await client.send(.get, "/areas/120000/")
            try await client.send(.get, "/areas/1/")
            // act
            let response = try await client.send(.get, "/metrics/")
            // check
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let lines = response.text.split(separator: "\n").map(String.init)
            #expect(lines.contains(#"meiduo_http_requests_total{route="/areas/{id}",method="GET",status="200"} 2"#))
            #expect(lines.contains(#"meiduo_http_requests_total{route="/areas/{id}",method="GET",status="404"} 1"#))
            #expect(lines.contains { $0.hasPrefix(#"meiduo_http_request_duration_seconds_count{route="/areas/{id}",method="GET"} 3"#) })
        }
    }

    @Test func unmatchedPathsShareOneLabel() async throws {
        try await withApp { client, _ in
            // setup
            try await client.send(.get, "/nothing/here/1/")
            try await client.send(.get, "/nothing/here/2/")
            // act
            let text = try await client.send(.get, "/metrics/").text
            // check
            #expect(text.contains(#"meiduo_http_requests_total{route="NotFound",method="GET",status="404"} 2"#))
            #expect(!text.contains("/nothing/here"))
        }
    }

    @Test func exportsQueueDepthByKindAndState() async throws {
        try await withApp { client, env in
            // setup
            for name in ["a", "b"] {
                try await JobQueue.enqueue("test.depth", payload: ["name": name], on: env.services.db(), now: env.services.clock.now())
            }
            // act
            let text = try await client.send(.get, "/metrics/").text
            // check
            #expect(text.contains(#"meiduo_jobs_queued_jobs{kind="test.depth",state="ready"} 2"#))
        }
    }

    @Test func queueDepthFallsToZeroWhenDrained() async throws {
        try await withApp { client, env in
            // setup
            try await JobQueue.enqueue("test.depth", payload: ["name": "a"], on: env.services.db(), now: env.services.clock.now())
            _ = try await client.send(.get, "/metrics/")
            try await env.services.sql().raw("UPDATE jobs SET state = 'done'").run()
            // act
            let text = try await client.send(.get, "/metrics/").text
            // check
            #expect(text.contains(#"meiduo_jobs_queued_jobs{kind="test.depth",state="ready"} 0"#))
        }
    }

    @Test func countsJobFailuresByKind() async throws {
        try await withServices { env in
            // setup
            try await JobQueue.enqueue("test.unknown_kind", payload: ["name": "a"], on: env.services.db(), now: env.services.clock.now())
            let worker = JobWorker(services: env.services, registry: JobRegistry(), concurrency: 1, logger: TestDatabases.logger)
            // act
            await worker.runOne()
            // check
            let text = String(decoding: env.services.metrics.exposition(), as: UTF8.self)
            #expect(text.contains(#"meiduo_job_failures_total{kind="test.unknown_kind"} 1"#))
            #expect(text.contains(#"meiduo_jobs_run_total{kind="test.unknown_kind",outcome="failed"} 1"#))
        }
    }
}
