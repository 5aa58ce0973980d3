import _CryptoExtras
import Foundation

/// Alipay open platform settings. Unset (`nil` in `AppConfig.alipay`) until `ALIPAY_APP_ID` and both keys
/// are given; the payment endpoints then answer 503 instead of failing.
public struct AlipayConfig: Sendable {
    public static let sandboxGateway = "https://openapi-sandbox.dl.alipaydev.com/gateway.do"
    public static let productionGateway = "https://openapi.alipay.com/gateway.do"

    public var appID: String
    /// Our application's private key: signs every request.
    public var appPrivateKey: _RSA.Signing.PrivateKey
    /// Alipay's public key (not ours): verifies returns, notifications and gateway answers.
    public var alipayPublicKey: _RSA.Signing.PublicKey
    public var gateway: String
    public var returnURL: String?
    public var notifyURL: String?
    /// Alipay login: the page the shopper authorises us on, and where Alipay sends them back with `auth_code`.
    public var authorizeURL: String
    public var loginRedirectURL: String

    public init(appID: String, appPrivateKey: _RSA.Signing.PrivateKey, alipayPublicKey: _RSA.Signing.PublicKey,
                gateway: String = AlipayConfig.sandboxGateway, returnURL: String? = nil, notifyURL: String? = nil,
                authorizeURL: String? = nil, loginRedirectURL: String = "http://127.0.0.1:8080/oauth_callback.html?provider=alipay") {
        self.appID = appID
        self.appPrivateKey = appPrivateKey
        self.alipayPublicKey = alipayPublicKey
        self.gateway = gateway
        self.returnURL = returnURL
        self.notifyURL = notifyURL
        self.authorizeURL = authorizeURL ?? Self.authorizePage(forGateway: gateway)
        self.loginRedirectURL = loginRedirectURL
    }

    /// The sandbox's authorisation page for the sandbox gateway, production's otherwise.
    static func authorizePage(forGateway gateway: String) -> String {
        gateway == sandboxGateway ? "https://openauth-sandbox.dl.alipaydev.com/oauth2/publicAppAuthorize.htm"
            : "https://openauth.alipay.com/oauth2/publicAppAuthorize.htm"
    }

    /// nil when none of the three credentials is set; a `ConfigError` naming the variable when only some
    /// are, or when a key or URL cannot be used.
    /// `frontendURL` gives the default return page: the storefront's `pay_success.html`.
    static func load(_ env: EnvReader, frontendURL: String) throws -> AlipayConfig? {
        let credentials = ["ALIPAY_APP_ID", "ALIPAY_APP_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY"]
        guard credentials.contains(where: { env.nonEmpty($0) != nil }) else { return nil }
        let why = "when any of \(credentials.joined(separator: ", ")) is set"
        let appID = try env.required("ALIPAY_APP_ID", because: why)
        let privateText = try RSAKeyText.der(try env.required("ALIPAY_APP_PRIVATE_KEY", because: why), variable: "ALIPAY_APP_PRIVATE_KEY")
        let publicText = try RSAKeyText.der(try env.required("ALIPAY_PUBLIC_KEY", because: why), variable: "ALIPAY_PUBLIC_KEY")
        let privateKey: _RSA.Signing.PrivateKey
        let publicKey: _RSA.Signing.PublicKey
        do { privateKey = try _RSA.Signing.PrivateKey(derRepresentation: privateText) } catch {
            throw ConfigError(variable: "ALIPAY_APP_PRIVATE_KEY", problem: "is not an RSA private key of 2048 bits or more (PKCS#1 or PKCS#8)")
        }
        do { publicKey = try _RSA.Signing.PublicKey(derRepresentation: publicText) } catch {
            throw ConfigError(variable: "ALIPAY_PUBLIC_KEY", problem: "is not an RSA public key of 2048 bits or more (SPKI or PKCS#1)")
        }
        return AlipayConfig(
            appID: appID, appPrivateKey: privateKey, alipayPublicKey: publicKey,
            gateway: try url(env, "ALIPAY_GATEWAY") ?? sandboxGateway,
            returnURL: try url(env, "ALIPAY_RETURN_URL") ?? AppConfig.trimmingSlash(frontendURL) + "/pay_success.html",
            notifyURL: try url(env, "ALIPAY_NOTIFY_URL"),
            authorizeURL: try url(env, "ALIPAY_AUTHORIZE_URL"),
            loginRedirectURL: try url(env, "ALIPAY_LOGIN_REDIRECT_URL") ?? AppConfig.trimmingSlash(frontendURL) + "/oauth_callback.html?provider=alipay"
        )
    }

    static func url(_ env: EnvReader, _ key: String) throws -> String? {
        guard let raw = env.nonEmpty(key) else { return nil }
        guard let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw ConfigError(variable: key, problem: "must be an http(s) URL, got \"\(raw)\"")
        }
        return raw
    }
}

/// An RSA key given as PEM text, as bare base64 (what Alipay's key tool prints), or as a path to a file
/// holding either; returns the DER bytes.
enum RSAKeyText {
    static func der(_ value: String, variable: String) throws -> Data {
        var text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let looksLikePath = ["/", "./", "../"].contains { text.hasPrefix($0) } || [".pem", ".key", ".txt"].contains { text.hasSuffix($0) }
        if !text.contains("-----BEGIN"), looksLikePath {
            guard FileManager.default.fileExists(atPath: text) else {
                throw ConfigError(variable: variable, problem: "key file \(text) does not exist")
            }
            guard let contents = try? String(contentsOfFile: text, encoding: .utf8) else {
                throw ConfigError(variable: variable, problem: "key file \(text) cannot be read as text")
            }
            text = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if text.contains("ENCRYPTED") {
            throw ConfigError(variable: variable, problem: "encrypted PEM keys are not supported; give the key without a passphrase")
        }
        // PEM: drop the armour lines and headers; what remains is the base64 body, as for a bare key.
        let body = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.hasPrefix("-----") && !$0.contains(":") }
            .joined()
            .filter { !$0.isWhitespace }
        guard !body.isEmpty, let der = Data(base64Encoded: body) else {
            throw ConfigError(variable: variable, problem: "must be a PEM key, a bare base64 key or the path of a file holding one")
        }
        return der
    }
}
