import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// `POST /payment/wechat/notify/`: WeChat Pay's signed, encrypted notification, answered `{"code":"SUCCESS"}`
/// or a 4xx/5xx `{"code":"FAIL",…}` so WeChat retries; a refusal changes nothing.
@Suite struct WeChatPayNotifyTests {
    static let transactionID = "4200002024050112345678901234"

    static func notification(_ paying: WeChatOrder, total: Int64? = nil, state: String = "SUCCESS") -> WeChatNotification {
        WeChatNotification.make(WeChatNotification.transaction(orderID: paying.id, total: total ?? paying.total, state: state))
    }

    /// Delivers `notification` and answers its status and `code` when nothing changed, nil otherwise.
    static func refused(_ notification: WeChatNotification, _ paying: WeChatOrder, _ client: any TestClientProtocol,
                        _ env: TestEnvironment) async throws -> (HTTPResponse.Status, String?)? {
        let response = try await client.deliverWeChat(notification)
        guard try await env.untouched(paying) else { return nil }
        return (response.status, response.object["code"] as? String)
    }

    @Test func validNotificationPaysTheOrderAndAnswersSuccess() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            // act
            let response = try await client.deliverWeChat(Self.notification(paying))
            // check
            #expect(response.status == .ok)
            #expect(response.object as? [String: String] == ["code": "SUCCESS"])
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
            let payments = try await env.payments(paying.id)
            #expect(payments.map(\.tradeID) == [Self.transactionID] && payments.map(\.provider) == ["wechat"])
            #expect(payments.map(\.amount) == [paying.total] && payments.map(\.status) == ["paid"])
        }
    }

    @Test func forgedSignatureIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            let forged = WeChatNotification.make(WeChatNotification.transaction(orderID: paying.id, total: paying.total), key: WeChatTestKeys.forger)
            // act
            let answer = try await Self.refused(forged, paying, client, env)
            // check
            #expect(answer?.0 == .unauthorized && answer?.1 == "FAIL")
        }
    }

    @Test func anotherPlatformSerialIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            let other = WeChatNotification.make(WeChatNotification.transaction(orderID: paying.id, total: paying.total), serial: "PUB_KEY_ID_OTHER")
            // act
            let answer = try await Self.refused(other, paying, client, env)
            // check
            #expect(answer?.0 == .unauthorized && answer?.1 == "FAIL")
        }
    }

    @Test func anySerialIsAcceptedWhenNoPlatformSerialIsConfigured() async throws {
        try await withWeChatApp(platformSerial: nil) { client, env in
            // setup
            let paying = try await env.wechatOrder()
            let other = WeChatNotification.make(WeChatNotification.transaction(orderID: paying.id, total: paying.total), serial: "PUB_KEY_ID_OTHER")
            // act
            let response = try await client.deliverWeChat(other)
            // check
            #expect(response.status == .ok)
            #expect(try await env.order(paying.id).status == OrderStatus.unsent.rawValue)
        }
    }

    @Test func aTimestampSixMinutesOldIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            let stale = WeChatNotification.make(WeChatNotification.transaction(orderID: paying.id, total: paying.total),
                                                timestamp: Date().addingTimeInterval(-360))
            // act
            let answer = try await Self.refused(stale, paying, client, env)
            // check
            #expect(answer?.0 == .unauthorized && answer?.1 == "FAIL")
        }
    }

    @Test func tamperedCiphertextFailsTheGCMTag() async throws {
        try await withWeChatApp { client, env in
            // setup: one ciphertext byte flipped, the body then signed again so only the tag can catch it
            let paying = try await env.wechatOrder()
            let original = Self.notification(paying)
            var envelope = try #require(try JSONSerialization.jsonObject(with: Data(original.body.utf8)) as? [String: Any])
            var resource = try #require(envelope["resource"] as? [String: String])
            var bytes = try #require(Data(base64Encoded: resource["ciphertext"] ?? ""))
            bytes[5] ^= 0x01
            resource["ciphertext"] = bytes.base64EncodedString()
            envelope["resource"] = resource
            let tampered = WeChatNotification.signed(String(decoding: try JSONSerialization.data(withJSONObject: envelope), as: UTF8.self))
            // act
            let answer = try await Self.refused(tampered, paying, client, env)
            // check
            #expect(answer?.0 == .badRequest && answer?.1 == "FAIL")
        }
    }

    @Test func aResourceEncryptedWithAnotherAPIv3KeyIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            let other = WeChatNotification.make(WeChatNotification.transaction(orderID: paying.id, total: paying.total),
                                                apiV3Key: RandomToken.hex(bytes: 16))
            // act
            let answer = try await Self.refused(other, paying, client, env)
            // check
            #expect(answer?.0 == .badRequest && answer?.1 == "FAIL")
        }
    }

    @Test func wrongAmountIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            // act
            let answer = try await Self.refused(Self.notification(paying, total: 1), paying, client, env)
            // check
            #expect(answer?.0 == .badRequest && answer?.1 == "FAIL")
        }
    }

    @Test func unknownOrderIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            let unknown = WeChatNotification.make(WeChatNotification.transaction(orderID: "20240101000000000000001999", total: paying.total))
            // act
            let answer = try await Self.refused(unknown, paying, client, env)
            // check
            #expect(answer?.0 == .badRequest && answer?.1 == "FAIL")
        }
    }

    @Test func tradeStateOtherThanSuccessIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            // act
            let answer = try await Self.refused(Self.notification(paying, state: "NOTPAY"), paying, client, env)
            // check
            #expect(answer?.0 == .badRequest && answer?.1 == "FAIL")
        }
    }

    @Test func anotherMerchantsTransactionIsRefused() async throws {
        try await withWeChatApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            let foreign = WeChatNotification.make(WeChatNotification.transaction(orderID: paying.id, total: paying.total, mchID: "1900000999"))
            // act
            let answer = try await Self.refused(foreign, paying, client, env)
            // check
            #expect(answer?.0 == .badRequest && answer?.1 == "FAIL")
        }
    }

    @Test func unconfiguredShopAnswers503Fail() async throws {
        try await withApp { client, env in
            // setup
            let paying = try await env.wechatOrder()
            // act
            let answer = try await Self.refused(Self.notification(paying), paying, client, env)
            // check
            #expect(answer?.0 == .serviceUnavailable && answer?.1 == "FAIL")
        }
    }
}
