import App
import ArgumentParser
import Foundation
import Logging

@main
struct MeiduoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meiduo",
        abstract: "美多商城 — the Meiduo shop server.",
        subcommands: [Serve.self, Migrate.self, Worker.self, CreateUser.self, LoadMeiduoDump.self, LoadDemo.self, LoadDemoCourses.self, LoadDemoAuctions.self, Seed.self, BenchFixture.self, BenchPromotions.self, BenchAudit.self, BenchSearch.self, BenchAuction.self, BenchAuctionAudit.self, BenchLive.self, BenchCommunity.self, BenchCommunityAudit.self, GeneratePages.self, Reindex.self, Backup.self, Restore.self, ImportDjangoMeiduo.self]
    )
}

/// Reads configuration once; a bad value stops the program with the variable's name.
func loadConfig() throws -> (AppConfig, Logger) {
    do {
        let config = try AppConfig.load(from: DotEnv.merged())
        if config.logFormat == .json {
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: config.logLevel) }
        }
        var logger = Logger(label: "meiduo")
        logger.logLevel = config.logLevel
        return (config, logger)
    } catch let error as ConfigError {
        FileHandle.standardError.write(Data("meiduo: \(error.description)\n".utf8))
        throw ExitCode(78)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the shop's API (and run background jobs in-process).")

    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Apply pending migrations before serving.") var autoMigrate = false
    @Flag(help: "Do not run job workers in this process (run `meiduo worker` instead).") var noWorkers = false
    @Option(help: "Folder of static files to serve (front end, generated pages; default: PUBLIC_DIR, else public).") var publicDirectory: String?

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: autoMigrate)
        let pending = try await services.database.pendingMigrations()
        guard pending.isEmpty else {
            FileHandle.standardError.write(Data("meiduo: the database has \(pending.count) unapplied migration(s) (\(pending.joined(separator: ", "))). Run `meiduo migrate` first, or `meiduo serve --auto-migrate`.\n".utf8))
            await services.shutdown()
            throw ExitCode(1)
        }
        // Created up front: the router only serves a folder that exists, and the page jobs fill it later.
        let publicDirectory = self.publicDirectory ?? config.publicDirectory
        try? FileManager.default.createDirectory(atPath: publicDirectory, withIntermediateDirectories: true)
        let app = try MeiduoApplication.build(
            services: services, hostname: hostname, port: port,
            runWorkers: config.runWorkersInServe && !noWorkers, publicDirectory: publicDirectory)
        try await app.runService()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @Flag(help: "Revert every migration instead (drops all data).") var revertAll = false

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        if revertAll {
            try await services.database.revertAll()
            print("reverted all migrations")
        } else {
            let pending = try await services.database.pendingMigrations()
            try await services.database.migrate()
            print(pending.isEmpty ? "no pending migrations" : "applied \(pending.count) migration(s): \(pending.joined(separator: ", "))")
        }
        await services.shutdown()
    }
}

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run background job workers only.")

    @Option(help: "Concurrent jobs in this process (default: WORKER_CONCURRENCY).") var concurrency: Int?

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        try await MeiduoApplication.runWorkers(services: services, concurrency: concurrency ?? config.workerConcurrency)
    }
}

struct CreateUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create a user account (e.g. staff).")

    @Option var username: String
    @Option var mobile: String
    @Option(help: "Password (or set MEIDUO_PASSWORD).") var password: String?
    @Flag var staff = false

    func run() async throws {
        let (config, logger) = try loadConfig()
        guard let password = password ?? ProcessInfo.processInfo.environment["MEIDUO_PASSWORD"], password.count >= 8 else {
            throw ValidationError("a password of at least 8 characters is required")
        }
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: true)
        do {
            let user = try await AccountService(services: services).createUser(.init(username: username, password: password, mobile: mobile))
            if staff {
                try await AccountService(services: services).setStaff(userID: try user.requireID(), true)
            }
            print("created user \(user.username) (id \(user.id ?? 0))\(staff ? " with staff rights (超级管理员)" : "")")
        } catch let error as UsersError {
            await services.shutdown()
            throw ValidationError("\(error.body)")
        }
        await services.shutdown()
    }
}
