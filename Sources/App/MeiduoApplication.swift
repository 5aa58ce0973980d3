import FluentKit
import Foundation
import Hummingbird
import HummingbirdWebSocket
import HummingbirdCore
import HummingbirdTLS
import Logging
import ServiceLifecycle

/// Assembles the shop: migrations, jobs, middleware and every domain's routes.
public enum MeiduoApplication {
    public static func migrations() -> [any Migration] {
        [CreateKeyValueEntries(), CreateJobs()] + UsersModule.migrations + CatalogModule.migrations + CartModule.migrations + OrdersModule.migrations
            + PaymentsModule.migrations + SearchModule.migrations + PromotionsModule.migrations + WalletModule.migrations
            + CoursesModule.migrations + AuctionsModule.migrations + [CreateAuditLog()] + BackOfficeModule.migrations
            + CommunityModule.migrations
    }

    public static func jobRegistry() -> JobRegistry {
        var registry = JobRegistry()
        CoreJobs.register(in: &registry)
        UsersModule.registerJobs(in: &registry)
        OrdersModule.registerJobs(in: &registry)
        PaymentsModule.registerJobs(in: &registry)
        SearchModule.registerJobs(in: &registry)
        PromotionsModule.registerJobs(in: &registry)
        StaticPagesModule.registerJobs(in: &registry)
        AuctionsModule.registerJobs(in: &registry)
        CommunityModule.registerJobs(in: &registry)
        return registry
    }

    public static func periodicJobs() -> [PeriodicJobScheduler.Entry] {
        CoreJobs.periodic + PaymentsModule.periodic + PromotionsModule.periodic + CommunityModule.periodic
    }

    public static func buildRouter(services: AppServices, publicDirectory: String? = nil) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: AllowListCORSMiddleware(allowedOrigins: services.config.corsAllowedOrigins))
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: services.metrics))
        router.add(middleware: ErrorMiddleware())
        let routeTable = RouteTable()
        router.add(middleware: MethodNotAllowedMiddleware(table: routeTable))
        router.add(middleware: NullCharacterGuard())
        router.add(middleware: StaticSiteMiddleware.storefront(
            publicDirectory: publicDirectory.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }))
        router.add(middleware: AuthenticationMiddleware(tokens: services.tokens, accounts: services.accountStatus))
        let routes = AppRoutes(router: router, audit: AuditMiddleware(trail: services.audit, logger: services.logger))
        UsersModule.addRoutes(to: routes, services: services)
        CatalogModule.addRoutes(to: routes, services: services)
        SearchModule.addRoutes(to: routes, services: services)
        CartModule.addRoutes(to: routes, services: services)
        OrdersModule.addRoutes(to: routes, services: services)
        PaymentsModule.addRoutes(to: routes, services: services)
        OperationsModule.addRoutes(to: routes, services: services)
        PromotionsModule.addRoutes(to: routes, services: services)
        WalletModule.addRoutes(to: routes, services: services)
        CoursesModule.addRoutes(to: routes, services: services)
        AuctionsModule.addRoutes(to: routes, services: services)
        BackOfficeModule.addRoutes(to: routes, services: services)
        CommunityModule.addRoutes(to: routes, services: services)
        MediaController(storage: services.storage, signature: (services.storage as? LocalFileStorage)?.signature,
                        clock: services.clock).addRoutes(to: routes)
        routeTable.fill(from: router.routes)
        return router
    }

    /// The HTTP server (HTTPS when `TLS_*` files are configured) plus, when asked, in-process job workers; the
    /// database closes after both stop.
    public static func build(
        services: AppServices, hostname: String, port: Int, runWorkers: Bool, publicDirectory: String? = "public"
    ) throws -> some ApplicationProtocol {
        var background: [any Service] = [ServicesShutdownService(services: services)]
        if runWorkers {
            background.append(JobWorker(services: services, registry: jobRegistry(), concurrency: services.config.workerConcurrency, logger: services.logger))
            background.append(PeriodicJobScheduler(services: services, entries: periodicJobs(), logger: services.logger))
        }
        if let postgres = services.database.postgresConfiguration {
            background.append(AuctionLiveListener(services: services, configuration: postgres))
        }
        return Application(
            router: buildRouter(services: services, publicDirectory: publicDirectory),
            server: try server(services: services),
            configuration: .init(address: .hostname(hostname, port: port), serverName: "meiduo"),
            services: background,
            logger: services.logger
        )
    }

    /// `httpServer`, wrapped in TLS when the configuration names a certificate and key.
    static func server(services: AppServices) throws -> HTTPServerBuilder {
        guard let tls = services.config.tls else { return httpServer(services: services) }
        return try .tls(httpServer(services: services), tlsConfiguration: try tls.serverConfiguration())
    }

    /// HTTP/1.1 with connections that stall closed, logged and counted.
    static func httpServer(services: AppServices) -> HTTPServerBuilder {
        let timeouts = services.config.connectionTimeouts
        let metrics = services.metrics
        let logger = services.logger
        let http1 = HTTP1Channel.Configuration(additionalChannelHandlers: [
            ConnectionTimeoutHandler(timeouts: timeouts) { phase in
                metrics.recordConnectionTimeout(phase: phase.rawValue)
                logger.warning("connection closed: it stalled", metadata: ["phase": "\(phase.rawValue)"])
            },
        ])
        // Auction lots' live WebSockets (`/auctions/items/<id>/live`); every other request is plain HTTP/1.1. Pings
        // keep a quiet watcher's connection open through proxies and find the dead ones.
        return HTTPServerBuilder { responder in
            let upgrading = HTTP1WebSocketUpgradeChannel(
                responder: responder, configuration: .init(http1: http1, ws: .init(autoPing: .enabled(timePeriod: .seconds(30))))
            ) { request, _, _ in
                try await AuctionLiveSocket.shouldUpgrade(request, services: services)
            }
            // Until its first head is read the upgrading channel has no timeout handler: guard that wait here.
            return FirstRequestHeadTimedChannel(inner: upgrading, limit: timeouts.header) {
                metrics.recordConnectionTimeout(phase: ConnectionTimeoutHandler.Phase.header.rawValue)
                logger.warning("connection closed: it stalled", metadata: ["phase": "header"])
            }
        }
    }

    /// Opens the database, applies pending migrations when asked, and builds the services.
    public static func makeServices(config: AppConfig, logger: Logger, migrate: Bool) async throws -> AppServices {
        let database = try DatabaseManager(
            location: config.database, poolSize: config.databasePoolSize, statementTimeoutMillis: config.databaseStatementTimeoutMillis, logger: logger)
        database.migrations.add(migrations())
        try await database.prepareConnection()
        if migrate { try await database.migrate() }
        return try await AppServices(config: config, database: database, logger: logger)
    }
}

/// Waits for shutdown, then closes the HTTP client and database connections
/// (after the server and workers, which start later and stop first).
struct ServicesShutdownService: Service {
    let services: AppServices

    func run() async throws {
        try? await gracefulShutdown()
        await services.shutdown()
    }
}

extension MeiduoApplication {
    /// `meiduo worker`: job workers and the periodic scheduler until SIGTERM/SIGINT, then a graceful drain.
    public static func runWorkers(services: AppServices, concurrency: Int) async throws {
        let group = ServiceGroup(
            services: [
                ServicesShutdownService(services: services),
                JobWorker(services: services, registry: jobRegistry(), concurrency: concurrency, logger: services.logger),
                PeriodicJobScheduler(services: services, entries: periodicJobs(), logger: services.logger),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: services.logger
        )
        try await group.run()
    }
}
