import AsyncHTTPClient
import Foundation
import Testing
@testable import App

/// Drives the real `YuntongxunSMSSender` against Tests/Support/fake_yuntongxun.py, which recomputes
/// the MD5 sig from the timestamp in the Authorization header, checks that timestamp is current China
/// time, and checks the path, headers and JSON body as 容联云通讯 does before answering.
@Suite(.heavy, .timeLimit(.minutes(10)))
struct YuntongxunSMSSenderTests {
    static func sender(_ config: YuntongxunConfig) -> YuntongxunSMSSender {
        YuntongxunSMSSender(config: config, httpClient: .shared)
    }

    /// The statusCode carried by an `SMSError`, for checking which refusal the client reported.
    static func status(of error: SMSError?) -> String? {
        guard case .rejected(let status, _)? = error else { return nil }
        return status
    }

    @Test func validSendIsAcceptedByTheService() async throws {
        // setup
        let fake = try await FakeYuntongxunServer.start()
        defer { fake.stop() }
        // act
        try await Self.sender(fake.config()).sendVerificationCode("483920", to: "13800138000", validMinutes: 5)
        // check: one request, and it passed every check the service makes
        let received = try fake.received()
        #expect(received.count == 1)
        #expect(received.first?.statusCode == "000000")
    }

    @Test func validSendDeliversMobileCodeAndMinutes() async throws {
        // setup
        let fake = try await FakeYuntongxunServer.start()
        defer { fake.stop() }
        // act
        try await Self.sender(fake.config()).sendVerificationCode("483920", to: "13912345678", validMinutes: 5)
        // check
        let payload = try #require(try fake.received().first?.payload)
        #expect(payload.to == "13912345678")
        #expect(payload.datas == ["483920", "5"])
        #expect(payload.appId == FakeYuntongxunServer.appID)
        #expect(payload.templateId == FakeYuntongxunServer.templateID)
    }

    @Test func baseURLWithTrailingSlashReachesTheSamePath() async throws {
        // setup
        let fake = try await FakeYuntongxunServer.start()
        defer { fake.stop() }
        var config = fake.config()
        config.baseURL += "/"
        // act
        try await Self.sender(config).sendVerificationCode("483920", to: "13800138000", validMinutes: 5)
        // check
        let target = try #require(try fake.received().first?.target)
        #expect(target.hasPrefix("/2013-12-26/Accounts/\(FakeYuntongxunServer.accountSID)/SMS/TemplateSMS?sig="))
    }

    @Test func providerRefusalThrowsWithItsStatusCode() async throws {
        // setup: the request is valid, but the service refuses it (160038: too many codes to this mobile)
        let fake = try await FakeYuntongxunServer.start(replyStatus: "160038", replyMessage: "短信验证码发送过频繁")
        defer { fake.stop() }
        // act
        let error = await #expect(throws: SMSError.self) {
            try await Self.sender(fake.config()).sendVerificationCode("483920", to: "13800138000", validMinutes: 5)
        }
        // check
        #expect(Self.status(of: error) == "160038")
        #expect(error?.description.contains("短信验证码发送过频繁") == true)
    }

    @Test func wrongAuthTokenFailsTheSignatureCheckAndThrows() async throws {
        // setup: the shop is configured with a token the service does not know for this account
        let fake = try await FakeYuntongxunServer.start()
        defer { fake.stop() }
        let sender = Self.sender(fake.config(authToken: "00000000000000000000000000000000"))
        // act
        let error = await #expect(throws: SMSError.self) {
            try await sender.sendVerificationCode("483920", to: "13800138000", validMinutes: 5)
        }
        // check: refused by the sig check (111109 in the fake), not by anything else
        #expect(Self.status(of: error) == "111109")
        #expect(try fake.received().first?.statusCode == "111109")
    }

    @Test func httpServerErrorThrows() async throws {
        // setup
        let fake = try await FakeYuntongxunServer.start(httpStatus: 500)
        defer { fake.stop() }
        // act
        let error = await #expect(throws: SMSError.self) {
            try await Self.sender(fake.config()).sendVerificationCode("483920", to: "13800138000", validMinutes: 5)
        }
        // check
        #expect(Self.status(of: error) == "http 500")
        #expect(try fake.received().count == 1)
    }
}
