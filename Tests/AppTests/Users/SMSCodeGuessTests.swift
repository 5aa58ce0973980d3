import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// An SMS code survives at most five guesses, however many arrive at once.
@Suite struct SMSCodeGuessTests {
    /// Sends every code at once to the password-reset step and gives each answer.
    static func burst(_ client: any TestClientProtocol, account: String, codes: [String]) async -> [TestResponse] {
        await withTaskGroup(of: TestResponse?.self) { group in
            for code in codes {
                group.addTask { try? await client.send(.get, "/accounts/\(account)/password/token/?sms_code=\(code)") }
            }
            return await group.reduce(into: []) { if let response = $1 { $0.append(response) } }
        }
    }

    /// Codes of the same length as a real one that are all wrong.
    static func wrongCodes(_ count: Int, besides code: String) -> [String] {
        (0..<count).map { String(format: "%06d", ($0 * 7919 + 1) % 1_000_000) }.filter { $0 != code }
    }

    @Test(.heavy) func aBurstOfGuessesIsComparedAtMostFiveTimes() async throws {
        try await withApp { client, env in
            // setup: 99 wrong codes and the right one in the middle, all at once
            try await env.createUser("guessed01", mobile: "13911114444")
            let code = try await env.sendSMSCode(to: "13911114444")
            var codes = Self.wrongCodes(99, besides: code)
            codes.insert(code, at: 50)
            // act
            let answers = await Self.burst(client, account: "guessed01", codes: codes)
            // check: a guess that was compared is either the success or 短信验证码错误; the rest found the code gone
            let compared = answers.filter { $0.status == .ok || $0.text.contains("短信验证码错误") }
            #expect(answers.count == codes.count)
            #expect(compared.count <= VerificationService.smsCodeMaxFailures)
            #expect(answers.allSatisfy { $0.status == .ok || $0.status == .badRequest })
        }
    }

    @Test(.heavy) func afterFiveWrongGuessesAConcurrentBurstWithTheRightCodeGetsNoToken() async throws {
        try await withApp { client, env in
            // setup: five wrong guesses spend the code
            try await env.createUser("guessed02", mobile: "13911115555")
            let code = try await env.sendSMSCode(to: "13911115555")
            for wrong in Self.wrongCodes(VerificationService.smsCodeMaxFailures, besides: code) {
                _ = try await client.send(.get, "/accounts/guessed02/password/token/?sms_code=\(wrong)")
            }
            // act
            let answers = await Self.burst(client, account: "guessed02", codes: Array(repeating: code, count: 20))
            // check
            #expect(answers.allSatisfy { $0.status == .badRequest })
        }
    }

    @Test func aNewCodeGetsFreshGuesses() async throws {
        try await withServices { env in
            // setup: four wrong guesses at the first code, then a new code is sent (a minute later)
            let verification = VerificationService(services: env.services)
            _ = try await env.sendSMSCode(to: "13700137001")
            for _ in 0..<(VerificationService.smsCodeMaxFailures - 1) {
                try? await verification.checkSMSCode(mobile: "13700137001", code: "000000x")
            }
            try await env.services.keyValues().delete("sms_flag_13700137001")
            let code = try await env.sendSMSCode(to: "13700137001")
            for _ in 0..<(VerificationService.smsCodeMaxFailures - 1) {
                try? await verification.checkSMSCode(mobile: "13700137001", code: "000000x")
            }
            // act / check: the fifth guess at the new code is still compared
            try await verification.checkSMSCode(mobile: "13700137001", code: code)
        }
    }
}
