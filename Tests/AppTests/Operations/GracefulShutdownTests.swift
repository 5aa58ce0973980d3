import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import Testing
@testable import App

/// Signals one waiter once something has started.
final class StartedSignal: Sendable {
    private let box = NIOLockedValueBox<Bool>(false)
    func set() { box.withLockedValue { $0 = true } }
    func wait() async throws {
        while !box.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
    }
}

@Suite struct GracefulShutdownTests {
    @Test func runningJobFinishesBeforeTheWorkerStops() async throws {
        try await withServices { env in
            // setup: a job that is still running when shutdown begins
            let started = StartedSignal()
            let log = RunLog()
            var registry = JobRegistry()
            registry.register("test.slow", TestPayload.self) { payload, _ in
                started.set()
                try await Task.sleep(for: .milliseconds(400))
                log.record(payload.name)
            }
            try await JobQueue.enqueue("test.slow", payload: TestPayload(name: "slow"), on: env.services.db(), now: env.services.clock.now())
            let worker = JobWorker(services: env.services, registry: registry, concurrency: 1, pollInterval: .milliseconds(20), logger: TestDatabases.logger)
            let group = ServiceGroup(services: [worker], logger: TestDatabases.logger)
            // act
            async let running: Void = group.run()
            try await started.wait()
            await group.triggerGracefulShutdown()
            try await running
            // check
            #expect(log.runs["slow"] == 1)
            #expect(try await env.services.jobQueue().count(state: "done") == 1)
        }
    }

    @Test func inFlightRequestIsAnsweredDuringShutdown() async throws {
        try await withServices { env in
            // setup: the shop's router plus a slow route, served on a free port
            let started = StartedSignal()
            let router = MeiduoApplication.buildRouter(services: env.services)
            router.get("slow") { _, _ -> String in
                started.set()
                try await Task.sleep(for: .milliseconds(400))
                return "done"
            }
            let port = NIOLockedValueBox<Int?>(nil)
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { channel in port.withLockedValue { $0 = channel.localAddress?.port } },
                                  logger: TestDatabases.logger)
            let group = ServiceGroup(services: [app], logger: TestDatabases.logger)
            async let serving: Void = group.run()
            while port.withLockedValue({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
            let url = "http://127.0.0.1:\(port.withLockedValue { $0 }!)/slow"
            // act: shutdown begins while the request is being handled
            async let answer = HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
            try await started.wait()
            await group.triggerGracefulShutdown()
            let response = try await answer
            let body = try await response.body.collect(upTo: 1024)
            try await serving
            // check
            #expect(response.status == .ok)
            #expect(String(buffer: body) == "done")
        }
    }
}
