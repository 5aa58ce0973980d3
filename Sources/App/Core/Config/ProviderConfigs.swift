/// SMS delivery: `log` writes codes to the log; `yuntongxun` uses 容联云通讯's REST API.
public struct SMSConfig: Sendable {
    public enum Provider: String, Sendable { case log, yuntongxun }
    public var provider: Provider
    public var yuntongxun: YuntongxunConfig?

    static func load(_ env: EnvReader) throws -> SMSConfig {
        let provider = try env.choice("SMS_PROVIDER", default: Provider.log)
        guard provider == .yuntongxun else { return SMSConfig(provider: provider, yuntongxun: nil) }
        let why = "when SMS_PROVIDER=yuntongxun"
        return SMSConfig(provider: provider, yuntongxun: YuntongxunConfig(
            baseURL: env.string("YUNTONGXUN_BASE_URL", default: "https://app.cloopen.com:8883"),
            accountSID: try env.required("YUNTONGXUN_ACCOUNT_SID", because: why),
            authToken: try env.required("YUNTONGXUN_AUTH_TOKEN", because: why),
            appID: try env.required("YUNTONGXUN_APP_ID", because: why),
            templateID: env.string("YUNTONGXUN_TEMPLATE_ID", default: "1")
        ))
    }
}

public struct YuntongxunConfig: Sendable {
    public var baseURL: String
    public var accountSID: String
    public var authToken: String
    public var appID: String
    public var templateID: String
}

/// Outgoing mail: `log` writes messages to the log; `smtp` delivers through a real server.
public struct MailConfig: Sendable {
    public enum Backend: String, Sendable { case log, smtp }
    public enum Security: String, Sendable { case none, starttls, tls }
    public var backend: Backend
    public var from: String
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var security: Security

    static func load(_ env: EnvReader) throws -> MailConfig {
        let backend = try env.choice("MAIL_BACKEND", default: Backend.log)
        let security = try env.choice("SMTP_SECURITY", default: Security.starttls)
        let defaultPort = security == .tls ? 465 : 587
        let host = backend == .smtp ? try env.required("SMTP_HOST", because: "when MAIL_BACKEND=smtp") : ""
        return MailConfig(
            backend: backend,
            from: env.string("MAIL_FROM", default: "美多商城 <no-reply@meiduo.site>"),
            host: host,
            port: try env.int("SMTP_PORT", default: defaultPort, range: 1...65535),
            username: env.nonEmpty("SMTP_USERNAME"),
            password: env.nonEmpty("SMTP_PASSWORD"),
            security: security
        )
    }
}

/// QQ 互联 OAuth 2 application settings; QQ login answers 503 until they are set.
public struct QQConfig: Sendable {
    public var clientID: String?
    public var clientSecret: String?
    public var redirectURI: String
    public var authorizeBaseURL: String
    public var apiBaseURL: String

    public var isConfigured: Bool { clientID != nil && clientSecret != nil }

    static func load(_ env: EnvReader) throws -> QQConfig {
        QQConfig(
            clientID: env.nonEmpty("QQ_CLIENT_ID"),
            clientSecret: env.nonEmpty("QQ_CLIENT_SECRET"),
            redirectURI: env.string("QQ_REDIRECT_URI", default: "http://www.meiduo.site:8080/oauth_callback.html"),
            authorizeBaseURL: env.string("QQ_AUTHORIZE_URL", default: "https://graph.qq.com/oauth2.0/authorize"),
            apiBaseURL: env.string("QQ_API_BASE_URL", default: "https://graph.qq.com")
        )
    }
}

/// The WeChat mini-program (seed 001's front end) signs in with `wx.login()`'s code, exchanged for the user's
/// openid by `code2session`. Without an app id and secret, WeChat login answers 503 and SMS-code login still works.
public struct WeChatMiniConfig: Sendable {
    public var appID: String?
    public var appSecret: String?
    /// `https://api.weixin.qq.com`; a local fake in tests.
    public var apiBaseURL: String

    public var isConfigured: Bool { appID != nil && appSecret != nil }

    static func load(_ env: EnvReader) throws -> WeChatMiniConfig {
        WeChatMiniConfig(appID: env.nonEmpty("WECHAT_MINI_APP_ID"), appSecret: env.nonEmpty("WECHAT_MINI_APP_SECRET"),
                         apiBaseURL: env.string("WECHAT_MINI_API_BASE_URL", default: "https://api.weixin.qq.com"))
    }
}

/// Where uploaded and generated files (goods and ad images) live: `local` (a folder, default `DATA_DIR/media`)
/// or `s3` (any S3-compatible store: AWS, MinIO, OSS, Kodo). The shop serves either at `/media/`.
public struct StorageConfig: Sendable {
    public enum Backend: String, Sendable { case local, s3 }
    public var backend: Backend
    public var localDirectory: String
    public var s3: S3Configuration?

    static func load(_ env: EnvReader, dataDirectory: String, mediaURL: String) throws -> StorageConfig {
        let backend = try env.choice("STORAGE_BACKEND", default: Backend.local)
        let directory = env.string("MEDIA_DIR", default: dataDirectory + "/media")
        guard backend == .s3 else { return StorageConfig(backend: backend, localDirectory: directory, s3: nil) }
        let why = "when STORAGE_BACKEND=s3"
        return StorageConfig(backend: backend, localDirectory: directory, s3: S3Configuration(
            endpoint: try env.required("S3_ENDPOINT", because: why),
            region: env.string("S3_REGION", default: "us-east-1"),
            bucket: try env.required("S3_BUCKET", because: why),
            accessKeyID: try env.required("S3_ACCESS_KEY_ID", because: why),
            secretAccessKey: try env.required("S3_SECRET_ACCESS_KEY", because: why),
            pathStyle: try env.bool("S3_PATH_STYLE", default: true),
            publicBaseURL: env.nonEmpty("S3_PUBLIC_BASE_URL") ?? mediaURL
        ))
    }
}
