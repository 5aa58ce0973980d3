import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// Accounts in the back office: found, opened with their balances, disabled (its tokens end at once) and enabled.
@Suite struct AdminUsersTests {
    @Test func anAgentFindsAnAccountByMobileAndSeesItsBalances() async throws {
        try await withApp { client, env in
            // setup: ¥25 in the wallet by a 财务
            let (shopper, _) = try await env.loggedInUser("shopper01", mobile: "13800138000")
            let (_, finance) = try await env.staffMember("finance01", mobile: "13899990003", role: "财务")
            _ = try await client.send(.post, "/staff/users/\(shopper.id!)/wallet/", json: ["amount": "25.00", "reason": "补偿"], token: finance)
            let (_, agent) = try await env.staffMember("agent0001", mobile: "13899990001", role: "订单客服")
            // act
            let found = try await client.send(.get, "/admin/api/users/?q=1380013", token: agent)
            let detail = try await client.send(.get, "/admin/api/users/\(shopper.id!)/", token: agent)
            let ledger = try await client.send(.get, "/admin/api/users/\(shopper.id!)/wallet/", token: finance)
            let ledgerByAgent = try await client.send(.get, "/admin/api/users/\(shopper.id!)/wallet/", token: agent)
            // check
            #expect((found.object["results"] as? [[String: Any]])?.map { $0["username"] as? String } == ["shopper01"])
            #expect(detail.object["wallet_balance"] as? String == "25.00" && detail.object["orders"] as? Int == 0)
            #expect(ledger.object["balance"] as? String == "25.00")
            #expect(ledgerByAgent.status == .forbidden)
        }
    }

    @Test func aDisabledAccountsTokenStopsAtOnceAndComesBackWhenEnabled() async throws {
        try await withApp { client, env in
            // setup
            let (shopper, token) = try await env.loggedInUser("shopper01", mobile: "13800138000")
            let (_, admin) = try await env.staffMember("admin0001", mobile: "13899990000", role: "超级管理员")
            // act
            let disabled = try await client.send(.put, "/admin/api/users/\(shopper.id!)/active/", json: ["is_active": false], token: admin)
            let whileDisabled = try await client.send(.get, "/user/", token: token)
            _ = try await client.send(.put, "/admin/api/users/\(shopper.id!)/active/", json: ["is_active": true], token: admin)
            let afterEnabled = try await client.send(.get, "/user/", token: token)
            // check
            #expect((disabled.object["user"] as? [String: Any])?["is_active"] as? Bool == false)
            #expect(whileDisabled.status == .unauthorized)
            #expect(afterEnabled.status == .ok)
            #expect(try await env.auditRows(.init(targetType: "users")).map(\.entry.summary) == ["启用账号", "停用账号"])
        }
    }

    @Test func staffCannotDisableThemselvesOrTheLastSuperuser() async throws {
        try await withApp { client, env in
            // setup: one superuser, and a user manager (a custom role) who would disable them
            let (admin, adminToken) = try await env.staffMember("admin0001", mobile: "13899990000", role: "超级管理员")
            let role = try await StaffRoles(services: env.services).createRole(name: "用户管理", codes: ["users.write"])
            let (manager, managerToken) = try await env.loggedInUser("manager01", mobile: "13899990006")
            try await StaffRoles(services: env.services).setRoles(userID: manager.id!, roleIDs: [role.id], keepingASuperuser: false)
            // act
            let own = try await client.send(.put, "/admin/api/users/\(admin.id!)/active/", json: ["is_active": false], token: adminToken)
            let last = try await client.send(.put, "/admin/api/users/\(admin.id!)/active/", json: ["is_active": false], token: managerToken)
            // check
            #expect(own.status == .badRequest && own.nonFieldErrors == ["不能停用自己的账号。"])
            #expect(last.status == .badRequest && last.nonFieldErrors == ["至少要保留一位启用中的超级管理员。"])
            #expect(try await env.services.accountStatus.status(of: admin.id!)?.isActive == true)
        }
    }
}
