import AsyncHTTPClient
import FluentKit
import Foundation
import Logging
import SQLKit

/// The long-lived pieces every handler and job uses, built once at start-up from `AppConfig`.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let database: DatabaseManager
    public let tokens: TokenService
    public let sms: any SMSSender
    public let mailer: any Mailer
    public let httpClient: HTTPClient
    public let passwords: PasswordHasher
    public let areas: AreaCache
    public let skus: any SKULookup
    public let catalogCaches: CatalogCaches
    /// Goods, ad and (later) course and community files, local or S3-compatible (`STORAGE_BACKEND`).
    public let storage: any FileStorage
    /// Whether a login token's account is still active, and staff (read every few seconds per user).
    public let accountStatus: AccountStatusCache
    /// Run at every login (the cart merge).
    public let loginHooks: [any LoginHook]
    /// The time every service reads (tests move it forward).
    public let clock: ShopClock
    /// Runs write plans atomically: one statement on PostgreSQL, group-committed transactions on SQLite.
    public let planExecutor: any PlanExecutor
    /// Prometheus collectors for `/metrics`.
    public let metrics: ShopMetrics
    /// Every staff write, recorded by the back office's write doors.
    public let audit: AuditTrail
    /// Lot events for the auction WebSockets of this process.
    public let auctionLive = AuctionLive()
    public let logger: Logger

    public init(config: AppConfig, database: DatabaseManager, logger: Logger,
                sms: (any SMSSender)? = nil, mailer: (any Mailer)? = nil, skus: (any SKULookup)? = nil, httpClient: HTTPClient? = nil,
                storage: (any FileStorage)? = nil, clock: ShopClock = .system) async throws {
        self.config = config
        self.clock = clock
        self.planExecutor = database.kind == .postgres ? PostgresPlanExecutor(database: database) : SQLitePlanExecutor(database: database)
        self.database = database
        self.logger = logger
        self.httpClient = httpClient ?? Self.makeHTTPClient()
        self.tokens = await TokenService(secret: config.secretKey, userTokenLifetime: TimeInterval(config.jwtLifetimeSeconds), clock: clock)
        self.passwords = PasswordHasher(cost: config.bcryptCost)
        self.areas = AreaCache()
        self.loginHooks = CartModule.loginHooks
        self.accountStatus = AccountStatusCache(lifetime: .seconds(config.accountStatusCacheSeconds),
                                                lookup: AccountService.statusLookup(database, grants: StaffRoles.grantsLookup(database)))
        self.metrics = ShopMetrics()
        self.audit = AuditTrail(database: database, clock: clock)
        self.catalogCaches = CatalogCaches(lifetime: .seconds(config.catalogCacheSeconds))
        self.skus = skus ?? CatalogSKULookup(database: database, imageBase: config.imageBaseURL)
        self.sms = sms ?? Self.makeSMSSender(config.sms, httpClient: self.httpClient, logger: logger)
        self.mailer = mailer ?? Self.makeMailer(config.mail, logger: logger)
        self.storage = try storage ?? Self.makeStorage(config.storage, mediaURL: config.imageBaseURL, secret: config.secretKey,
                                                       httpClient: self.httpClient)
    }

    static func makeStorage(_ config: StorageConfig, mediaURL: String, secret: String, httpClient: HTTPClient) throws -> any FileStorage {
        switch config.backend {
        case .local: return LocalFileStorage(root: config.localDirectory, baseURL: mediaURL, signature: MediaURLSignature(secret: secret))
        case .s3: return try S3FileStorage(configuration: config.s3!, httpClient: httpClient)
        }
    }

    /// Third-party calls fail fast when the peer is down instead of retrying the connection until the deadline.
    static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(3), read: .seconds(10))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the HTTP client and the database; call once, at the end.
    public func shutdown() async {
        try? await httpClient.shutdown()
        await database.shutdown()
    }

    public func db() -> any Database { database.db() }
    public func sql() -> any SQLDatabase { database.sql() }
    /// For reads outside transactions on hot paths (see `DatabaseManager.readDB`).
    public func readDB() -> any Database { database.readDB() }
    public func readSQL() -> any SQLDatabase { database.readSQL() }
    public func jobQueue() -> JobQueue { JobQueue(database: database.sql(), kind: database.kind, clock: clock) }
    public func keyValues() -> KeyValueStore { KeyValueStore(database: database.sql(), clock: clock) }

    static func makeSMSSender(_ config: SMSConfig, httpClient: HTTPClient, logger: Logger) -> any SMSSender {
        switch config.provider {
        case .log: return LogSMSSender(logger: logger)
        case .yuntongxun: return YuntongxunSMSSender(config: config.yuntongxun!, httpClient: httpClient)
        }
    }

    static func makeMailer(_ config: MailConfig, logger: Logger) -> any Mailer {
        switch config.backend {
        case .log: return LogMailer(logger: logger)
        case .smtp:
            let security: SMTPConfiguration.Security
            switch config.security {
            case .none: security = .none
            case .starttls: security = .startTLS
            case .tls: security = .tls
            }
            return SMTPMailer(configuration: SMTPConfiguration(
                host: config.host, port: config.port, username: config.username, password: config.password, security: security
            ), logger: logger)
        }
    }
}
