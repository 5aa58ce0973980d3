import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// Roles managed in the back office: made, changed, given and taken, never leaving the shop without a superuser.
@Suite struct StaffRoleManagementTests {
    func superuser(_ env: TestEnvironment) async throws -> (User, String) {
        try await env.staffMember("admin0001", mobile: "13899990000", role: "超级管理员")
    }

    @Test func aNewRoleGivesItsMembersExactlyItsPermissions() async throws {
        try await withApp { client, env in
            // setup
            let (_, admin) = try await superuser(env)
            let (editor, editorToken) = try await env.loggedInUser("editor001", mobile: "13899990004")
            // act
            let role = try await client.send(.post, "/admin/api/roles/", json: ["name": "内容编辑", "permissions": ["community.write", "users.read"]], token: admin)
            let given = try await client.send(.put, "/admin/api/users/\(editor.id!)/roles/", json: ["roles": [role.object["id"] as? Int ?? 0]], token: admin)
            let me = try await client.send(.get, "/admin/api/me/", token: editorToken)
            // check
            #expect(role.status == .created && role.object["permissions"] as? [String] == ["community.write", "users.read"])
            #expect(given.status == .ok)
            #expect(me.object["permissions"] as? [String] == ["users.read", "community.read", "community.write"])
        }
    }

    @Test func anUnknownPermissionIsAFieldError() async throws {
        try await withApp { client, env in
            // setup
            let (_, admin) = try await superuser(env)
            // act
            let response = try await client.send(.post, "/admin/api/roles/", json: ["name": "仓库", "permissions": ["warehouse.write"]], token: admin)
            let wrongType = try await client.send(.post, "/admin/api/roles/", json: ["name": "仓库", "permissions": "orders.read"], token: admin)
            // check
            #expect(response.status == .badRequest && response.fieldErrors("permissions") == ["未知权限：warehouse.write"])
            #expect(wrongType.status == .badRequest && wrongType.fieldErrors("permissions") != nil)
        }
    }

    @Test func theLastActiveSuperuserCannotLoseTheRole() async throws {
        try await withApp { client, env in
            // setup
            let (admin, token) = try await superuser(env)
            // act
            let response = try await client.send(.put, "/admin/api/users/\(admin.id!)/roles/", json: ["roles": []], token: token)
            let me = try await client.send(.get, "/admin/api/me/", token: token)
            // check
            #expect(response.status == .badRequest && response.nonFieldErrors == ["至少要保留一位启用中的超级管理员。"])
            #expect(me.object["superuser"] as? Bool == true)
        }
    }

    @Test func theSuperuserRoleCannotBeNarrowed() async throws {
        try await withApp { client, env in
            // setup
            let (_, token) = try await superuser(env)
            let superRole = try await StaffRoles(services: env.services).role(named: "超级管理员")!
            // act
            let response = try await client.send(.put, "/admin/api/roles/\(superRole.id)/", json: ["permissions": ["orders.read"]], token: token)
            // check
            #expect(response.status == .badRequest)
            #expect(try await StaffRoles(services: env.services).role(named: "超级管理员")?.codes == ["*"])
        }
    }

    @Test func narrowingARoleNarrowsItsMembersAtOnce() async throws {
        try await withApp { client, env in
            // setup: a 财务 reads the audit log; the superuser takes audit.read from the role
            let (_, admin) = try await superuser(env)
            let (_, finance) = try await env.staffMember("finance01", mobile: "13899990003", role: "财务")
            let role = try await StaffRoles(services: env.services).role(named: "财务")!
            // act
            let update = try await client.send(.put, "/admin/api/roles/\(role.id)/", json: ["permissions": ["finance.write", "orders.read"]], token: admin)
            let audit = try await client.send(.get, "/admin/api/audit/", token: finance)
            // check
            #expect(update.status == .ok)
            #expect(audit.status == .forbidden)
        }
    }

    @Test func staffMadeBeforeRolesAreSuperusers() async throws {
        try await withServices { env in
            // setup: a staff account as the shop had them before roles (is_staff alone), then the role tables made again
            let user = try await env.createUser("oldstaff1", mobile: "13899990009")
            try await env.services.sql().raw("UPDATE users SET is_staff = \(bind: true) WHERE id = \(bind: user.id!)").run()
            try await CreateStaffRoleMembers().revert(on: env.services.db())
            try await CreateStaffRoles().revert(on: env.services.db())
            // act
            try await CreateStaffRoles().prepare(on: env.services.db())
            try await CreateStaffRoleMembers().prepare(on: env.services.db())
            // check
            let grants = try await StaffRoles.grantsLookup(env.services.database)(user.id!)
            #expect(grants.isSuperuser)
        }
    }
}
