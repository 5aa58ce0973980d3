import Foundation
import Testing
@testable import App

@Suite struct EmailTests {
    @Test func settingEmailMailsAVerificationLinkThatActivatesIt() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            let put = try await client.send(.put, "/email/", json: ["email": "shopper@example.com"], token: token)
            await env.runJobs()
            let mail = try #require(env.mailer.sent.first)
            let link = try #require(mail.textBody.split(separator: "\n").first { $0.contains("token=") })
            let verifyToken = String(link[link.range(of: "token=")!.upperBound...])
            let verify = try await client.send(.get, "/emails/verification/?token=\(verifyToken)")
            let me = try await client.send(.get, "/user/", token: token)
            // check
            #expect(put.status == .ok)
            #expect(put.object["email"] as? String == "shopper@example.com")
            #expect(mail.to == ["shopper@example.com"])
            #expect(verify.status == .ok)
            #expect(me.object["email"] as? String == "shopper@example.com")
            #expect(me.object["email_active"] as? Bool == true)
        }
    }

    @Test func invalidEmailIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            // act
            let response = try await client.send(.put, "/email/", json: ["email": "not-an-email"], token: token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["email"] != nil)
        }
    }

    @Test func tamperedVerificationTokenIsRefused() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/emails/verification/?token=abc.def.ghi")
            // check
            #expect(response.status == .badRequest)
            #expect(response.object["message"] as? String == "链接信息无效")
        }
    }

    @Test func linkForAReplacedEmailNoLongerActivates() async throws {
        try await withServices { env in
            // setup
            let user = try await env.createUser()
            let service = EmailVerificationService(services: env.services)
            try await service.setEmail("old@example.com", for: user)
            let oldLink = try await service.verificationLink(userID: user.id!, email: "old@example.com")
            try await service.setEmail("new@example.com", for: user)
            let token = String(oldLink.split(separator: "=").last!)
            // act / check
            await #expect(throws: UsersError.invalidVerificationLink) { try await service.verify(token: token) }
        }
    }
}

@Suite struct PasswordTests {
    @Test func changingPasswordNeedsTheOldOne() async throws {
        try await withApp { client, env in
            // setup
            let (user, token) = try await env.loggedInUser()
            // act
            let wrong = try await client.send(.put, "/users/\(user.id!)/password/", json: ["old_password": "nope-nope", "password": "newpassword1", "password2": "newpassword1"], token: token)
            let right = try await client.send(.put, "/users/\(user.id!)/password/", json: ["old_password": "password123", "password": "newpassword1", "password2": "newpassword1"], token: token)
            let login = try await client.send(.post, "/authorizations/", json: ["username": user.username, "password": "newpassword1"])
            // check
            #expect(wrong.status == .badRequest)
            #expect(right.status == .ok)
            #expect(login.status == .ok)
        }
    }

    @Test func cannotChangeAnotherUsersPassword() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await env.loggedInUser()
            let other = try await env.createUser("otheruser", mobile: "13900000002")
            // act
            let response = try await client.send(.put, "/users/\(other.id!)/password/", json: ["old_password": "password123", "password": "newpassword1", "password2": "newpassword1"], token: token)
            // check
            #expect(response.status == .forbidden)
        }
    }

    @Test func forgottenPasswordFlowResetsThePassword() async throws {
        try await withApp { client, env in
            // setup
            let user = try await env.createUser("forgetful", mobile: "13911112222")
            try await env.storeCaptcha(id: "r1", answer: "QWER")
            // act: step 1, account + captcha
            let step1 = try await client.send(.get, "/accounts/forgetful/sms/token/?image_code_id=r1&text=qwer")
            let smsToken = try #require(step1.object["access_token"] as? String)
            // step 2: SMS to the account's mobile
            let step2 = try await client.send(.get, "/sms_codes/?access_token=\(smsToken)")
            await env.runJobs()
            let code = try #require(env.sms.lastCode(for: "13911112222"))
            // step 3: SMS code → reset token
            let step3 = try await client.send(.get, "/accounts/forgetful/password/token/?sms_code=\(code)")
            let resetToken = try #require(step3.object["access_token"] as? String)
            // step 4: new password
            let step4 = try await client.send(.post, "/users/\(user.id!)/password/", json: ["password": "brandnew123", "password2": "brandnew123", "access_token": resetToken])
            let login = try await client.send(.post, "/authorizations/", json: ["username": "forgetful", "password": "brandnew123"])
            // check
            #expect(step1.object["mobile"] as? String == "139****2222")
            #expect(step2.status == .ok)
            #expect(step3.object["user_id"] as? Int == user.id)
            #expect(step4.status == .ok)
            #expect(login.status == .ok)
        }
    }

    @Test func resetTokenOfOneUserCannotResetAnother() async throws {
        try await withApp { client, env in
            // setup
            try await env.createUser("forgetful", mobile: "13911112222")
            let victim = try await env.createUser("victim01", mobile: "13911113333")
            let code = try await env.sendSMSCode(to: "13911112222")
            let step3 = try await client.send(.get, "/accounts/forgetful/password/token/?sms_code=\(code)")
            let resetToken = try #require(step3.object["access_token"] as? String)
            // act
            let response = try await client.send(.post, "/users/\(victim.id!)/password/", json: ["password": "brandnew123", "password2": "brandnew123", "access_token": resetToken])
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors?.count == 1)
        }
    }

    @Test func unknownAccountIs404() async throws {
        try await withApp { client, env in
            // setup
            try await env.storeCaptcha(id: "r2", answer: "QWER")
            // act
            let response = try await client.send(.get, "/accounts/nobody123/sms/token/?image_code_id=r2&text=QWER")
            // check
            #expect(response.status == .notFound)
        }
    }
}
