import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import App

/// A migrated database plus the services around it, with SMS and mail recorded instead of sent.
struct TestEnvironment: Sendable {
    let services: AppServices
    let sms: RecordingSMSSender
    let mailer: RecordingMailer
    let lease: TestDatabases.Lease

    static func make(_ adjust: @Sendable (inout AppConfig) -> Void = { _ in }) async throws -> TestEnvironment {
        let lease = try await TestDatabases.shared.lease()
        var config = try AppConfig.load(from: [
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            "BCRYPT_COST": "4",
            "LOG_LEVEL": "warning",
            "DATA_DIR": NSTemporaryDirectory(),
        ])
        config.database = lease.location
        adjust(&config)
        let database = try DatabaseManager(location: config.database, poolSize: 4, logger: TestDatabases.logger)
        database.migrations.add(MeiduoApplication.migrations())
        try await database.prepareConnection()
        let sms = RecordingSMSSender()
        let mailer = RecordingMailer()
        let services = try await AppServices(config: config, database: database, logger: TestDatabases.logger,
                                             sms: sms, mailer: mailer, skus: FixedSKULookup())
        return TestEnvironment(services: services, sms: sms, mailer: mailer, lease: lease)
    }

    /// Runs queued jobs the way a worker would.
    @discardableResult
    func runJobs() async -> Int {
        await JobWorker(services: services, registry: MeiduoApplication.jobRegistry(), concurrency: 1, logger: TestDatabases.logger).drain()
    }

    func close() async {
        await services.shutdown()
        await lease.release()
    }
}

/// Runs `body` against the application in-process, on a fresh database.
func withApp(
    _ adjust: @Sendable (inout AppConfig) -> Void = { _ in },
    _ body: @Sendable (any TestClientProtocol, TestEnvironment) async throws -> Void
) async throws {
    let env = try await TestEnvironment.make(adjust)
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
func withServices(_ body: @Sendable (TestEnvironment) async throws -> Void) async throws {
    let env = try await TestEnvironment.make()
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
