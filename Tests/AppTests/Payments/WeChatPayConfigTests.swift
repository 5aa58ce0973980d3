import _CryptoExtras
import Foundation
import Testing
@testable import App

@Suite struct WeChatPayConfigTests {
    let base = ["SECRET_KEY": String(repeating: "k", count: 32), "DATA_DIR": "/tmp/meiduo-config-test"]

    func load(_ extra: [String: String]) throws -> AppConfig {
        try AppConfig.load(from: base.merging(extra) { $1 })
    }

    /// The settings of a configured shop, keys as PEM text.
    var configured: [String: String] {
        ["WECHATPAY_MCH_ID": WeChatTestKeys.mchID, "WECHATPAY_APP_ID": WeChatTestKeys.appID,
         "WECHATPAY_MERCHANT_PRIVATE_KEY": WeChatTestKeys.merchant.pkcs8PEMRepresentation,
         "WECHATPAY_MERCHANT_SERIAL_NO": WeChatTestKeys.merchantSerial, "WECHATPAY_API_V3_KEY": WeChatTestKeys.apiV3Key,
         "WECHATPAY_PLATFORM_PUBLIC_KEY": WeChatTestKeys.platform.publicKey.pemRepresentation,
         "WECHATPAY_NOTIFY_URL": WeChatTestKeys.notifyURL]
    }

    /// Signs with the configured merchant key and checks with the test key's public half: the same key was loaded.
    func loadedMerchantKeyIsTheTestKey(_ config: AppConfig) throws -> Bool {
        let key = try #require(config.wechatPay?.merchantPrivateKey)
        let signature = try key.signature(for: Data("probe".utf8), padding: .insecurePKCS1v1_5)
        return WeChatTestKeys.merchant.publicKey.isValidSignature(signature, for: Data("probe".utf8), padding: .insecurePKCS1v1_5)
    }

    func problem(_ values: [String: String]) -> ConfigError? {
        do { _ = try load(values) } catch { return error as? ConfigError }
        return nil
    }

    @Test func unsetMeansUnconfigured() throws {
        // act
        let config = try load([:])
        // check
        #expect(config.wechatPay == nil)
    }

    @Test func everythingSetWithTheProductionBaseURLByDefault() throws {
        // act
        let config = try #require(try load(configured).wechatPay)
        // check
        #expect(config.mchID == WeChatTestKeys.mchID && config.appID == WeChatTestKeys.appID)
        #expect(config.merchantSerialNo == WeChatTestKeys.merchantSerial && config.platformSerialNo == nil)
        #expect(config.apiV3Key == Data(WeChatTestKeys.apiV3Key.utf8))
        #expect(config.platformPublicKey.derRepresentation == WeChatTestKeys.platform.publicKey.derRepresentation)
        #expect(config.notifyURL == WeChatTestKeys.notifyURL && config.baseURL == "https://api.mch.weixin.qq.com")
    }

    @Test func pkcs8MerchantKeyIsLoaded() throws {
        // act
        let config = try load(configured)
        // check
        #expect(try loadedMerchantKeyIsTheTestKey(config))
    }

    @Test func bareBase64KeysAreAccepted() throws {
        // setup
        var values = configured
        values["WECHATPAY_MERCHANT_PRIVATE_KEY"] = WeChatTestKeys.merchant.pkcs8DERRepresentation.base64EncodedString()
        values["WECHATPAY_PLATFORM_PUBLIC_KEY"] = WeChatTestKeys.platform.publicKey.derRepresentation.base64EncodedString()
        // act
        let config = try load(values)
        // check
        #expect(try loadedMerchantKeyIsTheTestKey(config))
        #expect(config.wechatPay?.platformPublicKey.derRepresentation == WeChatTestKeys.platform.publicKey.derRepresentation)
    }

    @Test func keyFilePathsAreRead() throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wechatpay-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let privatePath = folder.appendingPathComponent("apiclient_key.pem").path
        let publicPath = folder.appendingPathComponent("pub_key.pem").path
        try WeChatTestKeys.merchant.pkcs8PEMRepresentation.write(toFile: privatePath, atomically: true, encoding: .utf8)
        try WeChatTestKeys.platform.publicKey.pemRepresentation.write(toFile: publicPath, atomically: true, encoding: .utf8)
        var values = configured
        values["WECHATPAY_MERCHANT_PRIVATE_KEY"] = privatePath
        values["WECHATPAY_PLATFORM_PUBLIC_KEY"] = publicPath
        // act
        let config = try load(values)
        // check
        #expect(try loadedMerchantKeyIsTheTestKey(config))
    }

    @Test func optionalPlatformSerialAndBaseURLAreRead() throws {
        // setup
        var values = configured
        values["WECHATPAY_PLATFORM_SERIAL_NO"] = WeChatTestKeys.platformSerial
        values["WECHATPAY_BASE_URL"] = "http://127.0.0.1:9000/"
        // act
        let config = try #require(try load(values).wechatPay)
        // check
        #expect(config.platformSerialNo == WeChatTestKeys.platformSerial)
        #expect(config.baseURL == "http://127.0.0.1:9000")
    }

    @Test func partialSettingsNameAMissingVariable() {
        // act
        let error = problem(["WECHATPAY_MCH_ID": WeChatTestKeys.mchID])
        // check
        #expect(error?.variable == "WECHATPAY_APP_ID")
    }

    @Test func missingPlatformKeyNamesTheVariable() {
        // setup
        var values = configured
        values["WECHATPAY_PLATFORM_PUBLIC_KEY"] = nil
        // act / check
        #expect(problem(values)?.variable == "WECHATPAY_PLATFORM_PUBLIC_KEY")
    }

    @Test func apiV3KeyOfAnotherLengthNamesTheVariable() {
        // setup
        var values = configured
        values["WECHATPAY_API_V3_KEY"] = String(WeChatTestKeys.apiV3Key.dropLast())
        // act / check
        #expect(problem(values)?.variable == "WECHATPAY_API_V3_KEY")
    }

    @Test func garbageMerchantKeyNamesTheVariable() {
        // setup
        var values = configured
        values["WECHATPAY_MERCHANT_PRIVATE_KEY"] = "bm90IGEga2V5"
        // act / check
        #expect(problem(values)?.variable == "WECHATPAY_MERCHANT_PRIVATE_KEY")
    }

    @Test func aCertificateInsteadOfThePublicKeyIsExplained() {
        // setup
        var values = configured
        values["WECHATPAY_PLATFORM_PUBLIC_KEY"] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"
        // act
        let error = problem(values)
        // check
        #expect(error?.variable == "WECHATPAY_PLATFORM_PUBLIC_KEY")
        #expect(error?.problem.contains("-pubkey") == true)
    }

    @Test func notifyURLWithAQueryNamesTheVariable() {
        // setup
        var values = configured
        values["WECHATPAY_NOTIFY_URL"] = "https://api.meiduo.site/payment/wechat/notify/?x=1"
        // act / check
        #expect(problem(values)?.variable == "WECHATPAY_NOTIFY_URL")
    }

    @Test func serialWithAQuoteNamesTheVariable() {
        // setup
        var values = configured
        values["WECHATPAY_MERCHANT_SERIAL_NO"] = "ABC\",x=\"1"
        // act / check
        #expect(problem(values)?.variable == "WECHATPAY_MERCHANT_SERIAL_NO")
    }
}
