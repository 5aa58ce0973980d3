import Foundation
import Testing
@testable import MeiduoRules

@Suite struct PaymentAlipaySigningTests {
    @Test func requestContentIsSortedRawAndLeavesOutSignAndEmptyValues() {
        // setup
        let params = ["timestamp": "2024-05-01 12:00:00", "app_id": "2021", "sign": "xyz", "sign_type": "RSA2",
                      "biz_content": "{\"subject\":\"美多商城1\",\"total_amount\":\"3788.00\"}", "return_url": ""]
        // act
        let content = AlipaySigning.content(params, excluding: AlipaySigning.requestExcluded)
        // check
        #expect(content == "app_id=2021&biz_content={\"subject\":\"美多商城1\",\"total_amount\":\"3788.00\"}&sign_type=RSA2&timestamp=2024-05-01 12:00:00")
    }

    @Test func notificationContentAlsoLeavesOutSignType() {
        // setup
        let params = ["trade_no": "2019", "out_trade_no": "1", "sign": "abc", "sign_type": "RSA2", "total_amount": "1.00"]
        // act
        let content = AlipaySigning.content(params, excluding: AlipaySigning.notificationExcluded)
        // check
        #expect(content == "out_trade_no=1&total_amount=1.00&trade_no=2019")
    }

    @Test func keysSortByByteValueSoUppercaseAndUnderscoresOrderAsInPython() {
        // setup
        let params = ["a_b": "1", "aB": "2", "a": "3", "Z": "4"]
        // act
        let content = AlipaySigning.content(params, excluding: [])
        // check
        #expect(content == "Z=4&a=3&aB=2&a_b=1")
    }

    @Test func responseContentIsTheRawObjectTextWithBracesInsideStrings() {
        // setup
        let body = #"{"alipay_trade_query_response":{"code":"10000","msg":"Success","sub_msg":"a}b{\"c","fund":[{"x":"1"}]},"sign":"SIG"}"#
        // act
        let content = AlipaySigning.signedResponseContent(body, responseKey: "alipay_trade_query_response")
        // check
        #expect(content == #"{"code":"10000","msg":"Success","sub_msg":"a}b{\"c","fund":[{"x":"1"}]}"#)
    }

    @Test func responseContentIgnoresTheKeyNameInsideOtherValues() {
        // setup: the name appears first as a string value, then as the real top-level key after the sign
        let body = #"{"sign":"alipay_trade_query_response", "alipay_trade_query_response" : {"code":"40004"}}"#
        // act
        let content = AlipaySigning.signedResponseContent(body, responseKey: "alipay_trade_query_response")
        // check
        #expect(content == #"{"code":"40004"}"#)
    }

    @Test func responseContentIsNilWithoutTheKey() {
        // act
        let content = AlipaySigning.signedResponseContent(#"{"error_response":{"code":"40002"}}"#, responseKey: "alipay_trade_query_response")
        // check
        #expect(content == nil)
    }

    @Test func responseKeyFollowsTheMethodName() {
        #expect(AlipaySigning.responseKey(method: "alipay.trade.refund") == "alipay_trade_refund_response")
    }

    @Test func timestampIsChinaTime() {
        // act
        let text = AlipaySigning.timestamp(Date(timeIntervalSince1970: 0))
        // check
        #expect(text == "1970-01-01 08:00:00")
    }

    @Test func formDecodingReadsPlusAsSpaceAndPercentEscapes() {
        // act
        let values = FormURLEncoding.decode("timestamp=2019-04-02+17%3A13%3A15&sign=a%2Fb%2Bc%3D&subject=%E7%BE%8E%E5%A4%9A&empty=")
        // check
        #expect(values == ["timestamp": "2019-04-02 17:13:15", "sign": "a/b+c=", "subject": "美多", "empty": ""])
    }

    @Test func formDecodingRefusesBrokenEscapes() {
        #expect(FormURLEncoding.decode("total_amount=100%") == nil)
    }

    @Test func formEncodingRoundTrips() {
        // setup
        let pairs = [("sign", "a/b+c= d"), ("biz_content", "{\"subject\":\"美多商城&1\"}")]
        // act
        let decoded = FormURLEncoding.decode(FormURLEncoding.encode(pairs))
        // check
        #expect(decoded == ["sign": "a/b+c= d", "biz_content": "{\"subject\":\"美多商城&1\"}"])
    }
}
