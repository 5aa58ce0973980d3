import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// The back office's doors: each staff route lets through the roles whose permissions allow it and refuses the rest
/// with 403 (401 without a login), before any handler runs.
@Suite struct StaffPermissionDoorTests {
    @Test func anOrderServiceAgentShipsAnOrderButIsRefusedAuctionsAndRoles() async throws {
        try await withApp { client, env in
            // setup: a cash-on-delivery order waiting to ship, and a 订单客服
            let (order, _) = try await env.cashOrderAwaitingShipment()
            let (_, agent) = try await env.staffMember("agent0001", mobile: "13899990001", role: "订单客服")
            // act
            let ship = try await client.send(.put, "/orders/\(order.id!)/ship/", token: agent)
            let session = try await client.send(.post, "/staff/auctions/", json: ["title": "专场"], token: agent)
            let roles = try await client.send(.get, "/admin/api/roles/", token: agent)
            let audit = try await client.send(.get, "/admin/api/audit/", token: agent)
            // check
            #expect(ship.status == .ok)
            #expect(session.status == .forbidden && session.detailOnly == APIError.permissionDenied.detailText)
            #expect(roles.status == .forbidden && audit.status == .forbidden)
        }
    }

    @Test func anAuctionOperatorOpensASessionButMayNotAdjustAWallet() async throws {
        try await withApp { client, env in
            // setup
            let (shopper, _) = try await env.loggedInUser()
            let (_, operatorToken) = try await env.staffMember("auction001", mobile: "13899990002", role: "拍卖运营")
            let now = Date()
            let stamp = { (t: TimeInterval) in ISO8601DateFormatter().string(from: now.addingTimeInterval(t)) }
            // act
            let session = try await client.send(.post, "/staff/auctions/", json: [
                "title": "秋季专场", "preview_start_time": stamp(3_600), "auction_start_time": stamp(7_200), "auction_end_time": stamp(10_800),
            ], token: operatorToken)
            let wallet = try await client.send(.post, "/staff/users/\(shopper.id!)/wallet/", json: ["amount": "100.00", "reason": "补偿"], token: operatorToken)
            // check
            #expect(session.status == .created)
            #expect(wallet.status == .forbidden)
        }
    }

    @Test func aShopperAndAnAnonymousCallerLearnNothingOfTheBackOffice() async throws {
        try await withApp { client, env in
            // setup
            let (_, shopper) = try await env.loggedInUser()
            // act
            let anonymous = try await client.send(.get, "/admin/api/me/")
            let asShopper = try await client.send(.get, "/admin/api/me/", token: shopper)
            let rolesAsShopper = try await client.send(.post, "/admin/api/roles/", json: ["name": "x", "permissions": ["*"]], token: shopper)
            // check
            #expect(anonymous.status == .unauthorized)
            #expect(asShopper.status == .forbidden && asShopper.detailOnly == APIError.permissionDenied.detailText)
            #expect(rolesAsShopper.status == .forbidden && rolesAsShopper.detailOnly == APIError.permissionDenied.detailText)
        }
    }

    @Test func aRoleTakenAwayEndsItsRightsAtOnce() async throws {
        try await withApp { client, env in
            // setup: a 财务 who could read the audit log
            let (finance, token) = try await env.staffMember("finance01", mobile: "13899990003", role: "财务")
            let before = try await client.send(.get, "/admin/api/audit/", token: token)
            // act
            try await StaffRoles(services: env.services).setRoles(userID: finance.id!, roleIDs: [], keepingASuperuser: false)
            let after = try await client.send(.get, "/admin/api/audit/", token: token)
            // check
            #expect(before.status == .ok)
            #expect(after.status == .forbidden)
        }
    }
}
