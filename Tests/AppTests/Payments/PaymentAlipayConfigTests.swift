import _CryptoExtras
import Foundation
import Testing
@testable import App

@Suite struct PaymentAlipayConfigTests {
    let base = ["SECRET_KEY": String(repeating: "k", count: 32), "DATA_DIR": "/tmp/meiduo-config-test"]

    func load(_ extra: [String: String]) throws -> AppConfig {
        try AppConfig.load(from: base.merging(extra) { $1 })
    }

    /// The settings of a configured shop, keys as PEM text.
    var configured: [String: String] {
        ["ALIPAY_APP_ID": AlipayTestKeys.appID, "ALIPAY_APP_PRIVATE_KEY": AlipayTestKeys.app.pemRepresentation,
         "ALIPAY_PUBLIC_KEY": AlipayTestKeys.alipay.publicKey.pemRepresentation]
    }

    /// Signs with the configured app key and checks with the test key's public half: the same key was loaded.
    func loadedAppKeyIsTheTestKey(_ config: AppConfig) throws -> Bool {
        let key = try #require(config.alipay?.appPrivateKey)
        let signature = try key.signature(for: Data("probe".utf8), padding: .insecurePKCS1v1_5)
        return AlipayTestKeys.app.publicKey.isValidSignature(signature, for: Data("probe".utf8), padding: .insecurePKCS1v1_5)
    }

    @Test func unsetMeansUnconfigured() throws {
        // act
        let config = try load([:])
        // check
        #expect(config.alipay == nil)
    }

    @Test func pemKeysAndTheSandboxGatewayByDefault() throws {
        // act
        let config = try load(configured)
        // check
        #expect(config.alipay?.appID == AlipayTestKeys.appID)
        #expect(config.alipay?.gateway == "https://openapi-sandbox.dl.alipaydev.com/gateway.do")
        #expect(try loadedAppKeyIsTheTestKey(config))
    }

    @Test func pkcs8PrivateKeyIsAccepted() throws {
        // setup
        var values = configured
        values["ALIPAY_APP_PRIVATE_KEY"] = AlipayTestKeys.app.pkcs8PEMRepresentation
        // act
        let config = try load(values)
        // check
        #expect(try loadedAppKeyIsTheTestKey(config))
    }

    @Test func bareBase64KeysAsAlipaysToolPrintsThemAreAccepted() throws {
        // setup
        var values = configured
        values["ALIPAY_APP_PRIVATE_KEY"] = AlipayTestKeys.app.pkcs8DERRepresentation.base64EncodedString()
        values["ALIPAY_PUBLIC_KEY"] = AlipayTestKeys.alipay.publicKey.derRepresentation.base64EncodedString()
        // act
        let config = try load(values)
        // check
        #expect(try loadedAppKeyIsTheTestKey(config))
        #expect(config.alipay?.alipayPublicKey.derRepresentation == AlipayTestKeys.alipay.publicKey.derRepresentation)
    }

    @Test func keyFilePathsAreRead() throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alipay-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let privatePath = folder.appendingPathComponent("app_private_key.pem").path
        let publicPath = folder.appendingPathComponent("alipay_public_key.pem").path
        try AlipayTestKeys.app.pemRepresentation.write(toFile: privatePath, atomically: true, encoding: .utf8)
        try AlipayTestKeys.alipay.publicKey.pemRepresentation.write(toFile: publicPath, atomically: true, encoding: .utf8)
        var values = configured
        values["ALIPAY_APP_PRIVATE_KEY"] = privatePath
        values["ALIPAY_PUBLIC_KEY"] = publicPath
        // act
        let config = try load(values)
        // check
        #expect(try loadedAppKeyIsTheTestKey(config))
    }

    @Test func missingPublicKeyNamesTheVariable() {
        // setup
        var values = configured
        values["ALIPAY_PUBLIC_KEY"] = nil
        // act / check
        #expect { try load(values) } throws: { ($0 as? ConfigError)?.variable == "ALIPAY_PUBLIC_KEY" }
    }

    @Test func garbagePrivateKeyNamesTheVariable() {
        // setup
        var values = configured
        values["ALIPAY_APP_PRIVATE_KEY"] = "MIIBnotakey"
        // act / check
        #expect { try load(values) } throws: { ($0 as? ConfigError)?.variable == "ALIPAY_APP_PRIVATE_KEY" }
    }

    @Test func missingKeyFileNamesTheVariable() {
        // setup
        var values = configured
        values["ALIPAY_PUBLIC_KEY"] = "/nonexistent/alipay_public_key.pem"
        // act / check
        #expect { try load(values) } throws: { ($0 as? ConfigError)?.variable == "ALIPAY_PUBLIC_KEY" }
    }

    @Test func gatewayMustBeAURL() {
        // setup
        var values = configured
        values["ALIPAY_GATEWAY"] = "openapi.alipay.com"
        // act / check
        #expect { try load(values) } throws: { ($0 as? ConfigError)?.variable == "ALIPAY_GATEWAY" }
    }

    @Test func returnAndNotifyURLsAreRead() throws {
        // setup
        var values = configured
        values["ALIPAY_GATEWAY"] = AlipayConfig.productionGateway
        values["ALIPAY_RETURN_URL"] = "http://www.meiduo.site:8080/pay_success.html"
        values["ALIPAY_NOTIFY_URL"] = "https://api.meiduo.site/payment/alipay/notify/"
        // act
        let alipay = try #require(try load(values).alipay)
        // check
        #expect(alipay.gateway == "https://openapi.alipay.com/gateway.do")
        #expect(alipay.returnURL == "http://www.meiduo.site:8080/pay_success.html")
        #expect(alipay.notifyURL == "https://api.meiduo.site/payment/alipay/notify/")
    }
}
