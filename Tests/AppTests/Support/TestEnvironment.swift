import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import App

/// A migrated database plus the services around it, with SMS and mail recorded instead of sent.
struct TestEnvironment: Sendable {
    let services: AppServices
    let sms: RecordingSMSSender
    let mailer: RecordingMailer
    let lease: TestDatabases.Lease
    /// When the database was ready: the test's own work is timed from here, not from when it began waiting.
    let startedAt: ContinuousClock.Instant

    static func make(_ adjust: @Sendable (inout AppConfig) -> Void = { _ in }, clock: ShopClock = .system) async throws -> TestEnvironment {
        let lease = try await TestDatabases.shared.lease()
        var config = try AppConfig.load(from: [
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            "BCRYPT_COST": "4",
            "LOG_LEVEL": "warning",
            "DATA_DIR": NSTemporaryDirectory(),
        ])
        config.database = lease.location
        // Each test stores files in a folder of its own, removed when it closes.
        config.storage.localDirectory = NSTemporaryDirectory() + "meiduo-media-\(UUID().uuidString)"
        adjust(&config)
        let database = try DatabaseManager(location: config.database, poolSize: 4, logger: TestDatabases.logger)
        database.migrations.add(MeiduoApplication.migrations())
        try await database.prepareConnection()
        let sms = RecordingSMSSender()
        let mailer = RecordingMailer()
        let services = try await AppServices(config: config, database: database, logger: TestDatabases.logger,
                                             sms: sms, mailer: mailer, skus: FixedSKULookup(), clock: clock)
        return TestEnvironment(services: services, sms: sms, mailer: mailer, lease: lease, startedAt: .now)
    }

    /// Runs queued jobs the way a worker would.
    @discardableResult
    func runJobs() async -> Int {
        await JobWorker(services: services, registry: MeiduoApplication.jobRegistry(), concurrency: 1, logger: TestDatabases.logger).drain()
    }

    func close() async {
        await services.shutdown()
        await lease.release()
        try? FileManager.default.removeItem(atPath: services.config.storage.localDirectory)
        OwnWorkTimer.record(since: startedAt)
    }
}

/// Runs `body` against the application in-process, on a fresh database.
func withApp(
    _ adjust: @Sendable (inout AppConfig) -> Void = { _ in },
    clock: ShopClock = .system,
    _ body: @Sendable (any TestClientProtocol, TestEnvironment) async throws -> Void
) async throws {
    let env = try await TestEnvironment.make(adjust, clock: clock)
    let app = Application(router: MeiduoApplication.buildRouter(services: env.services), logger: TestDatabases.logger)
    do {
        try await app.test(.router) { client in try await body(client, env) }
    } catch {
        await env.close()
        throw revealed(error)
    }
    await env.close()
}

/// Runs `body` with services only, for tests of domain functions.
func withServices(
    _ adjust: @Sendable (inout AppConfig) -> Void = { _ in },
    clock: ShopClock = .system,
    _ body: @Sendable (TestEnvironment) async throws -> Void
) async throws {
    let env = try await TestEnvironment.make(adjust, clock: clock)
    do {
        try await body(env)
    } catch {
        await env.close()
        throw revealed(error)
    }
    await env.close()
}

/// PostgreSQL errors describe themselves generically; tests want the server's message.
func revealed(_ error: any Error) -> any Error {
    "\(error)".contains("PSQLError") ? TestDatabaseError(description: String(reflecting: error)) : error
}

/// A limit on a test's own work (from its database being ready to its end), which a wait for a database or a
/// heavy-test slot never counts against. Tests share two cores with a dozen others, so a test's own time
/// stretches with the load (5 s alone can be 80 s in a loaded full run): the limit is a hang detector, as
/// are the suites' `.timeLimit`s, and never decides a healthy test's fate.
/// With `TEST_TIMINGS_FILE` set, every test's own time is appended there for the slowest-tests report.
enum OwnWorkTimer {
    static let limitSeconds = Double(ProcessInfo.processInfo.environment["TEST_OWN_WORK_LIMIT_SECONDS"] ?? "") ?? 300
    static let timingsFile = ProcessInfo.processInfo.environment["TEST_TIMINGS_FILE"]
    private static let lock = NSLock()

    static func record(since start: ContinuousClock.Instant) {
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let name = Test.current.map { "\($0.id)" } ?? "unknown test"
        if seconds > limitSeconds {
            Issue.record("the test's own work took \(String(format: "%.1f", seconds)) s, over the \(Int(limitSeconds)) s limit")
        }
        guard let timingsFile else { return }
        lock.withLock {
            let line = String(format: "%.3f", seconds) + "\t\(name)\n"
            if let handle = FileHandle(forWritingAtPath: timingsFile) {
                handle.seekToEndOfFile()
                handle.write(Data(line.utf8))
                try? handle.close()
            } else {
                FileManager.default.createFile(atPath: timingsFile, contents: Data(line.utf8))
            }
        }
    }
}
