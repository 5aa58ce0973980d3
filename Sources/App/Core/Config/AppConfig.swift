import Foundation
import Logging
import MeiduoRules

/// Everything the shop reads from its environment, parsed once at start-up.
public struct AppConfig: Sendable {
    public enum LogFormat: String, Sendable {
        /// swift-log's `key=value` lines, for a terminal.
        case text
        /// One JSON object per line, for a log collector.
        case json
    }

    public enum DatabaseLocation: Sendable, Equatable {
        case sqlite(path: String)
        case sqliteInMemory
        case postgres(url: String)
    }

    public var database: DatabaseLocation
    public var databasePoolSize: Int
    /// PostgreSQL `statement_timeout` for every connection (0 = none): a runaway query can't hold a connection forever.
    public var databaseStatementTimeoutMillis: Int
    public var dataDirectory: String
    /// Where generated pages (index.html, goods/<id>.html) are written and the server serves static files from.
    public var publicDirectory: String
    public var secretKey: String
    public var jwtLifetimeSeconds: Int
    /// How long a back-office login lasts: a staff session is shorter than a shopper's (issue 19).
    public var adminSessionSeconds: Int
    /// The shop's days (reports, the dashboard's "today") are counted in this zone (`SHOP_TIME_ZONE`, default Asia/Shanghai).
    public var shopTimeZone: TimeZone
    public var corsAllowedOrigins: [String]
    public var frontendURL: String
    /// Prefix that turns stored image paths into URLs; by default the shop's own `/media/`.
    public var imageBaseURL: String
    public var storage: StorageConfig
    public var catalogCacheSeconds: Int
    public var freightCents: Int64
    public var orderTimeoutSeconds: Int
    /// How long a lesson's signed media URL works (long enough to watch a lesson, short enough not to be shared).
    public var courseMediaURLSeconds: Int
    /// Credits earned per yuan paid, worth a yuan at checkout, and the share of the goods they may pay.
    public var creditRules: CreditRules
    /// Auctions' anti-sniping (seed 001 lots): a bid in a lot's last `window` seconds moves its end to `extendBy`
    /// seconds after the bid, at most `cap` times.
    public var auctionSniping: Bidding.AntiSniping = .init()
    public var bcryptCost: Int
    public var workerConcurrency: Int
    public var runWorkersInServe: Bool
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// How long a connection may stall before it is closed (slowloris).
    public var connectionTimeouts: ConnectionTimeouts
    /// How long a login token's account status (active, staff) is trusted before it is read again.
    public var accountStatusCacheSeconds: Int
    public var sms: SMSConfig
    public var mail: MailConfig
    public var qq: QQConfig
    public var wechatMini: WeChatMiniConfig
    /// nil until Alipay is configured (ALIPAY_APP_ID and both keys).
    public var alipay: AlipayConfig?
    /// nil until WeChat Pay is configured (every required WECHATPAY_* variable).
    public var wechatPay: WeChatPayConfig?
    /// Set: `serve` speaks HTTPS itself with these files; nil: plain HTTP (behind nginx, which holds the certificate).
    public var tls: TLSFiles? = nil

    /// Reads the configuration; a bad value throws `ConfigError` naming the variable.
    public static func load(from values: [String: String]) throws -> AppConfig {
        let env = EnvReader(values: values)
        let dataDirectory = env.string("DATA_DIR", default: "data")
        let database = try parseDatabaseURL(env.nonEmpty("DATABASE_URL"), dataDirectory: dataDirectory)
        let secretKey = try env.nonEmpty("SECRET_KEY") ?? SecretKeyFile.loadOrCreate(in: dataDirectory)
        guard secretKey.utf8.count >= 32 else {
            throw ConfigError(variable: "SECRET_KEY", problem: "must be at least 32 bytes long")
        }
        let levelName = env.string("LOG_LEVEL", default: "info").lowercased()
        guard let logLevel = Logger.Level(rawValue: levelName) else {
            throw ConfigError(variable: "LOG_LEVEL", problem: "unknown level \"\(levelName)\"")
        }
        let formatName = env.string("LOG_FORMAT", default: "text").lowercased()
        guard let logFormat = LogFormat(rawValue: formatName) else {
            throw ConfigError(variable: "LOG_FORMAT", problem: "must be text or json, got \"\(formatName)\"")
        }
        let frontendURL = env.string("FRONTEND_URL", default: "http://127.0.0.1:8080")
        let imageBaseURL = env.string("IMAGE_BASE_URL", default: Self.trimmingSlash(frontendURL) + "/media")
        let origins = env.nonEmpty("CORS_ALLOWED_ORIGINS").map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } ?? [frontendURL, "http://localhost:8080", "http://www.meiduo.site:8080"]
        return AppConfig(
            database: database,
            databasePoolSize: try env.int("DATABASE_POOL_SIZE", default: 16, range: 1...400),
            databaseStatementTimeoutMillis: try env.int("DATABASE_STATEMENT_TIMEOUT_MS", default: 15_000, range: 0...3_600_000),
            dataDirectory: dataDirectory,
            publicDirectory: env.string("PUBLIC_DIR", default: "public"),
            secretKey: secretKey,
            jwtLifetimeSeconds: try env.int("JWT_LIFETIME_SECONDS", default: 86_400, range: 60...31_536_000),
            adminSessionSeconds: try env.int("ADMIN_SESSION_SECONDS", default: 28_800, range: 60...604_800),
            shopTimeZone: try Self.timeZone(env),
            corsAllowedOrigins: origins,
            frontendURL: frontendURL,
            imageBaseURL: imageBaseURL,
            storage: try StorageConfig.load(env, dataDirectory: dataDirectory, mediaURL: imageBaseURL),
            catalogCacheSeconds: try env.int("CATALOG_CACHE_SECONDS", default: 300, range: 0...86_400),
            freightCents: try Self.money(env, "ORDER_FREIGHT", default: 10_00),
            orderTimeoutSeconds: try env.int("ORDER_TIMEOUT_MINUTES", default: 30, range: 1...10_080) * 60,
            courseMediaURLSeconds: try env.int("COURSE_MEDIA_URL_SECONDS", default: 7_200, range: 60...604_800),
            creditRules: CreditRules(earnedPerYuan: try env.int("CREDITS_EARNED_PER_YUAN", default: 1, range: 0...1_000),
                                     perYuan: try env.int("CREDITS_PER_YUAN", default: 10, range: 1...10_000),
                                     maxSharePercent: try env.int("CREDITS_MAX_SHARE_PERCENT", default: 50, range: 0...100)),
            auctionSniping: Bidding.AntiSniping(window: TimeInterval(try env.int("AUCTION_SNIPING_WINDOW_SECONDS", default: 120, range: 0...86_400)),
                                                extendBy: TimeInterval(try env.int("AUCTION_SNIPING_EXTEND_SECONDS", default: 300, range: 1...86_400)),
                                                cap: try env.int("AUCTION_SNIPING_MAX_EXTENSIONS", default: 20, range: 0...1_000)),
            bcryptCost: try env.int("BCRYPT_COST", default: 10, range: 4...16),
            workerConcurrency: try env.int("WORKER_CONCURRENCY", default: 2, range: 1...64),
            runWorkersInServe: try env.bool("SERVE_RUNS_WORKERS", default: true),
            logLevel: logLevel,
            logFormat: logFormat,
            connectionTimeouts: ConnectionTimeouts(
                header: .seconds(try env.int("HTTP_HEADER_TIMEOUT_SECONDS", default: 5, range: 1...600)),
                body: .seconds(try env.int("HTTP_BODY_TIMEOUT_SECONDS", default: 30, range: 1...3_600)),
                idle: .seconds(try env.int("HTTP_IDLE_TIMEOUT_SECONDS", default: 30, range: 1...3_600))),
            accountStatusCacheSeconds: try env.int("AUTH_STATUS_CACHE_SECONDS", default: 5, range: 0...300),
            sms: try SMSConfig.load(env),
            mail: try MailConfig.load(env),
            qq: try QQConfig.load(env),
            wechatMini: try WeChatMiniConfig.load(env),
            alipay: try AlipayConfig.load(env, frontendURL: frontendURL),
            wechatPay: try WeChatPayConfig.load(env),
            tls: try TLSFiles.load(env)
        )
    }

    static func trimmingSlash(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    static func timeZone(_ env: EnvReader) throws -> TimeZone {
        let name = env.string("SHOP_TIME_ZONE", default: "Asia/Shanghai")
        guard let zone = TimeZone(identifier: name) else {
            throw ConfigError(variable: "SHOP_TIME_ZONE", problem: "unknown time zone \"\(name)\" (e.g. Asia/Shanghai)")
        }
        return zone
    }

    static func money(_ env: EnvReader, _ key: String, default defaultValue: Int64) throws -> Int64 {
        guard let raw = env.nonEmpty(key) else { return defaultValue }
        guard let cents = Money.parse(raw), cents >= 0 else {
            throw ConfigError(variable: key, problem: "must be an amount like 10.00, got \"\(raw)\"")
        }
        return cents
    }

    static func parseDatabaseURL(_ raw: String?, dataDirectory: String) throws -> DatabaseLocation {
        guard let raw else { return .sqlite(path: dataDirectory + "/meiduo.sqlite") }
        if raw == "sqlite::memory:" || raw == "sqlite://:memory:" { return .sqliteInMemory }
        if raw.hasPrefix("sqlite://") {
            let path = String(raw.dropFirst("sqlite://".count))
            guard !path.isEmpty else {
                throw ConfigError(variable: "DATABASE_URL", problem: "sqlite URL needs a path, e.g. sqlite:///var/lib/meiduo/shop.sqlite")
            }
            return .sqlite(path: path)
        }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard URL(string: raw)?.host != nil else {
                throw ConfigError(variable: "DATABASE_URL", problem: "cannot parse PostgreSQL URL")
            }
            return .postgres(url: raw)
        }
        throw ConfigError(variable: "DATABASE_URL", problem: "must start with sqlite:// or postgres://")
    }
}

/// Keeps a generated signing key in the data folder so a zero-setup shop keeps its sessions across restarts.
enum SecretKeyFile {
    static func loadOrCreate(in directory: String) throws -> String {
        let path = directory + "/secret_key"
        if let existing = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           existing.utf8.count >= 32 {
            return existing
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let key = RandomToken.hex(bytes: 32)
        guard FileManager.default.createFile(atPath: path, contents: Data(key.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigError(variable: "SECRET_KEY", problem: "not set and \(path) could not be written")
        }
        return key
    }
}
