import _CryptoExtras
import Foundation
import MeiduoRules

/// WeChat Pay (API v3, Native) settings. Unset (`nil` in `AppConfig.wechatPay`) until every required
/// `WECHATPAY_*` variable is given; the WeChat Pay endpoints then answer 503 instead of failing.
public struct WeChatPayConfig: Sendable {
    public static let productionBaseURL = "https://api.mch.weixin.qq.com"

    public var mchID: String
    public var appID: String
    /// Our merchant API private key (apiclient_key.pem): signs every request.
    public var merchantPrivateKey: _RSA.Signing.PrivateKey
    /// The serial number of our merchant API certificate, sent as `serial_no`.
    public var merchantSerialNo: String
    /// The APIv3 key (32 bytes): decrypts notification resources with AES-256-GCM.
    public var apiV3Key: Data
    /// WeChat Pay's platform public key (not ours): verifies answers and notifications.
    public var platformPublicKey: _RSA.Signing.PublicKey
    /// When set, answers and notifications naming another `Wechatpay-Serial` are refused.
    public var platformSerialNo: String?
    public var notifyURL: String
    /// Scheme, host and optional path prefix, without a trailing slash.
    public var baseURL: String

    public init(mchID: String, appID: String, merchantPrivateKey: _RSA.Signing.PrivateKey, merchantSerialNo: String, apiV3Key: Data,
                platformPublicKey: _RSA.Signing.PublicKey, platformSerialNo: String? = nil, notifyURL: String,
                baseURL: String = WeChatPayConfig.productionBaseURL) {
        self.mchID = mchID
        self.appID = appID
        self.merchantPrivateKey = merchantPrivateKey
        self.merchantSerialNo = merchantSerialNo
        self.apiV3Key = apiV3Key
        self.platformPublicKey = platformPublicKey
        self.platformSerialNo = platformSerialNo
        self.notifyURL = notifyURL
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    static let required = ["WECHATPAY_MCH_ID", "WECHATPAY_APP_ID", "WECHATPAY_MERCHANT_PRIVATE_KEY", "WECHATPAY_MERCHANT_SERIAL_NO",
                           "WECHATPAY_API_V3_KEY", "WECHATPAY_PLATFORM_PUBLIC_KEY", "WECHATPAY_NOTIFY_URL"]
    static let optional = ["WECHATPAY_PLATFORM_SERIAL_NO", "WECHATPAY_BASE_URL"]

    /// nil when no `WECHATPAY_*` variable is set; a `ConfigError` naming the variable when only some
    /// are, or when a value cannot be used.
    static func load(_ env: EnvReader) throws -> WeChatPayConfig? {
        guard (required + optional).contains(where: { env.nonEmpty($0) != nil }) else { return nil }
        let why = "when any WECHATPAY_* variable is set"
        let mchID = try identifier(env, "WECHATPAY_MCH_ID", why)
        let appID = try identifier(env, "WECHATPAY_APP_ID", why)
        let serialNo = try identifier(env, "WECHATPAY_MERCHANT_SERIAL_NO", why)
        let privateDER = try RSAKeyText.der(try env.required("WECHATPAY_MERCHANT_PRIVATE_KEY", because: why), variable: "WECHATPAY_MERCHANT_PRIVATE_KEY")
        let privateKey: _RSA.Signing.PrivateKey
        do { privateKey = try _RSA.Signing.PrivateKey(derRepresentation: privateDER) } catch {
            throw ConfigError(variable: "WECHATPAY_MERCHANT_PRIVATE_KEY", problem: "is not an RSA private key of 2048 bits or more (PKCS#8 or PKCS#1)")
        }
        let apiV3Key = try env.required("WECHATPAY_API_V3_KEY", because: why)
        guard apiV3Key.utf8.count == 32 else {
            throw ConfigError(variable: "WECHATPAY_API_V3_KEY", problem: "must be exactly 32 bytes (the APIv3 key set in the merchant platform), got \(apiV3Key.utf8.count)")
        }
        let publicText = try env.required("WECHATPAY_PLATFORM_PUBLIC_KEY", because: why)
        if publicText.contains("BEGIN CERTIFICATE") {
            throw ConfigError(variable: "WECHATPAY_PLATFORM_PUBLIC_KEY",
                              problem: "is a certificate; give its public key (openssl x509 -in wechatpay.pem -pubkey -noout)")
        }
        let publicKey: _RSA.Signing.PublicKey
        do {
            publicKey = try _RSA.Signing.PublicKey(derRepresentation: try RSAKeyText.der(publicText, variable: "WECHATPAY_PLATFORM_PUBLIC_KEY"))
        } catch let error as ConfigError { throw error } catch {
            throw ConfigError(variable: "WECHATPAY_PLATFORM_PUBLIC_KEY", problem: "is not an RSA public key of 2048 bits or more (SPKI or PKCS#1)")
        }
        let platformSerial = env.nonEmpty("WECHATPAY_PLATFORM_SERIAL_NO")
        if let platformSerial, !WeChatPaySigning.isHeaderSafe(platformSerial) {
            throw ConfigError(variable: "WECHATPAY_PLATFORM_SERIAL_NO", problem: "must be printable ASCII without quotes, commas or spaces")
        }
        guard let notifyURL = try AlipayConfig.url(env, "WECHATPAY_NOTIFY_URL") else {
            throw ConfigError(variable: "WECHATPAY_NOTIFY_URL", problem: "is required \(why)")
        }
        guard URLComponents(string: notifyURL)?.query == nil else {
            throw ConfigError(variable: "WECHATPAY_NOTIFY_URL", problem: "must not carry a query string (WeChat Pay refuses one)")
        }
        return WeChatPayConfig(
            mchID: mchID, appID: appID, merchantPrivateKey: privateKey, merchantSerialNo: serialNo, apiV3Key: Data(apiV3Key.utf8),
            platformPublicKey: publicKey, platformSerialNo: platformSerial, notifyURL: notifyURL,
            baseURL: try AlipayConfig.url(env, "WECHATPAY_BASE_URL") ?? productionBaseURL
        )
    }

    /// A required value that goes into the quoted `Authorization` header fields.
    static func identifier(_ env: EnvReader, _ key: String, _ why: String) throws -> String {
        let value = try env.required(key, because: why)
        guard WeChatPaySigning.isHeaderSafe(value) else {
            throw ConfigError(variable: key, problem: "must be printable ASCII without quotes, commas or spaces")
        }
        return value
    }
}
