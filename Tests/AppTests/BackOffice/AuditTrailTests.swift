import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import App

/// Every staff write leaves one audit row (who, what, the target, before and after); refused writes and reads leave none.
@Suite struct AuditTrailTests {
    @Test func shippingAnOrderIsRecordedWithItsStaffMemberAndTarget() async throws {
        try await withApp { client, env in
            // setup
            let (order, _) = try await env.cashOrderAwaitingShipment()
            let (agent, token) = try await env.staffMember("agent0001", mobile: "13899990001", role: "订单客服")
            // act
            let ship = try await client.send(.put, "/orders/\(order.id!)/ship/", token: token)
            // check
            let rows = try await env.auditRows()
            #expect(ship.status == .ok)
            #expect(rows.count == 1)
            #expect(rows.first?.entry.staffID == agent.id && rows.first?.entry.staffUsername == "agent0001")
            #expect(rows.first?.entry.action == "PUT /orders/{order_id}/ship" && rows.first?.entry.targetType == "orders")
            #expect(rows.first?.entry.targetID == order.id)
        }
    }

    @Test func aRoleChangeKeepsItsPermissionsBeforeAndAfter() async throws {
        try await withApp { client, env in
            // setup
            let (_, admin) = try await env.staffMember("admin0001", mobile: "13899990000", role: "超级管理员")
            let role = try await StaffRoles(services: env.services).role(named: "课程运营")!
            // act
            _ = try await client.send(.put, "/admin/api/roles/\(role.id)/", json: ["permissions": ["courses.write"]], token: admin)
            // check
            let row = try #require(try await env.auditRows(.init(targetType: "staff_role")).first)
            #expect(row.entry.targetID == "\(role.id)")
            #expect(row.entry.before?.contains("\"promotions.read\"") == true && row.entry.after?.contains("\"promotions.read\"") == false)
            #expect(row.entry.summary == "修改角色 课程运营 的权限")
        }
    }

    @Test func refusedWritesAndReadsLeaveNoRow() async throws {
        try await withApp { client, env in
            // setup
            let (_, admin) = try await env.staffMember("admin0001", mobile: "13899990000", role: "超级管理员")
            let (_, agent) = try await env.staffMember("agent0001", mobile: "13899990001", role: "订单客服")
            // act: a field error, a permission refusal, and reads
            _ = try await client.send(.post, "/admin/api/roles/", json: ["name": "", "permissions": []], token: admin)
            _ = try await client.send(.post, "/admin/api/roles/", json: ["name": "x", "permissions": []], token: agent)
            _ = try await client.send(.get, "/admin/api/roles/", token: admin)
            _ = try await client.send(.get, "/admin/api/audit/", token: admin)
            // check
            #expect(try await env.auditRows().isEmpty)
        }
    }

    @Test func secretsInAStaffRequestAreMasked() {
        // setup
        let body = ByteBuffer(string: #"{"amount": "10.00", "password": "hunter22", "api_key": "k", "reason": "补偿"}"#)
        // act
        let stored = AuditMiddleware.maskedRequest(body, contentType: "application/json")
        // check
        #expect(stored == #"{"amount":"10.00","api_key":"***","password":"***","reason":"补偿"}"#)
    }

    @Test func theLogIsSearchedByStaffAndTargetNewestFirst() async throws {
        try await withApp { client, env in
            // setup: two wallet adjustments of two shoppers by a 财务
            let (_, admin) = try await env.staffMember("admin0001", mobile: "13899990000", role: "超级管理员")
            let (_, finance) = try await env.staffMember("finance01", mobile: "13899990003", role: "财务")
            let a = try await env.createUser("shopperA1", mobile: "13800000011")
            let b = try await env.createUser("shopperB1", mobile: "13800000012")
            _ = try await client.send(.post, "/staff/users/\(a.id!)/wallet/", json: ["amount": "10.00", "reason": "补偿"], token: finance)
            _ = try await client.send(.post, "/staff/users/\(b.id!)/wallet/", json: ["amount": "20.00", "reason": "补偿"], token: finance)
            _ = try await client.send(.post, "/staff/users/\(b.id!)/credits/", json: ["amount": "5", "reason": "活动"], token: finance)
            // act
            let byTarget = try await client.send(.get, "/admin/api/audit/?target_type=users&target_id=\(b.id!)", token: admin)
            let byOther = try await client.send(.get, "/admin/api/audit/?staff=admin0001", token: admin)
            // check
            let results = byTarget.object["results"] as? [[String: Any]] ?? []
            #expect(byTarget.object["count"] as? Int == 2)
            #expect(results.map { $0["action"] as? String } == ["POST /staff/users/{id}/credits", "POST /staff/users/{id}/wallet"])
            #expect(results.last?["request"] as? String == #"{"amount":"20.00","reason":"补偿"}"#)
            #expect(byOther.object["count"] as? Int == 0)
        }
    }
}
