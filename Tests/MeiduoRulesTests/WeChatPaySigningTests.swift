import Foundation
import Testing
@testable import MeiduoRules

@Suite struct WeChatPaySigningTests {
    @Test func getRequestMessageIsTheDocumentedExampleWithAnEmptyBodyLine() {
        // act
        let message = WeChatPaySigning.requestMessage(method: "GET", canonicalURL: "/v3/certificates", timestamp: "1554208460",
                                                      nonce: "593BEC0C930BF1AFEB40B4A08C8FB242", body: "")
        // check
        #expect(message == "GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n")
    }

    @Test func postRequestMessageEndsWithTheExactBodyAndANewline() {
        // setup
        let body = #"{"amount":{"currency":"CNY","total":378800},"description":"美多商城1"}"#
        // act
        let message = WeChatPaySigning.requestMessage(method: "post", canonicalURL: "/v3/pay/transactions/native", timestamp: "1714536000",
                                                      nonce: "N0NCE", body: body)
        // check
        #expect(message == "POST\n/v3/pay/transactions/native\n1714536000\nN0NCE\n\(body)\n")
    }

    @Test func responseMessageIsTimestampNonceAndBodyEachEndingInANewline() {
        // act
        let message = WeChatPaySigning.responseMessage(timestamp: "1714536000", nonce: "abc", body: #"{"code_url":"weixin://x"}"#)
        // check
        #expect(message == "1714536000\nabc\n{\"code_url\":\"weixin://x\"}\n")
    }

    @Test func canonicalURLIsThePathWithItsQueryAsSent() {
        // act
        let plain = WeChatPaySigning.canonicalURL("https://api.mch.weixin.qq.com/v3/pay/transactions/native")
        let query = WeChatPaySigning.canonicalURL("http://127.0.0.1:8080/prefix/v3/pay/transactions/out-trade-no/1?mchid=1900000109")
        let relative = WeChatPaySigning.canonicalURL("/v3/pay/transactions/native")
        // check
        #expect(plain == "/v3/pay/transactions/native")
        #expect(query == "/prefix/v3/pay/transactions/out-trade-no/1?mchid=1900000109")
        #expect(relative == nil)
    }

    @Test func authorizationHeaderQuotesEveryFieldInTheDocumentedOrder() {
        // act
        let header = WeChatPaySigning.authorization(mchID: "1900009191", nonce: "593BEC0C930BF1AFEB40B4A08C8FB242", signature: "uOVRnA4q==",
                                                    timestamp: "1554208460", serialNo: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C")
        // check
        #expect(header == #"WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="uOVRnA4q==",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C""#)
    }

    @Test func timestampIsWholeUnixSeconds() {
        // act
        let text = WeChatPaySigning.timestamp(Date(timeIntervalSince1970: 1_714_536_000.9))
        // check
        #expect(text == "1714536000")
    }

    @Test func freshnessAllowsFiveMinutesEitherWayAndNothingElse() {
        // setup
        let now = Date(timeIntervalSince1970: 1_714_536_000)
        // act
        let verdicts = ["1714535700", "1714536300", "1714535699", "1714536301", "", "-1714536000", "1714536000.0", "abc"]
            .map { WeChatPaySigning.isFresh($0, now: now) }
        // check
        #expect(verdicts == [true, true, false, false, false, false, false, false])
    }

    @Test func headerSafeValuesExcludeQuotesCommasAndSpaces() {
        // act
        let verdicts = ["1900000109", "PUB_KEY_ID_0119", "a\"b", "a,b", "a b", "", "微信"].map(WeChatPaySigning.isHeaderSafe)
        // check
        #expect(verdicts == [true, true, false, false, false, false, false])
    }
}
