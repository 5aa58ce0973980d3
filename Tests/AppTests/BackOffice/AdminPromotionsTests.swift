import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// Promotions in the back office: templates with what became of them, every campaign, a user's coupons, and grants
/// from the user page — audited; 商品运营 may read promotions but not grant.
@Suite struct AdminPromotionsTests {
    @Test func aTemplateCountsWhatWasIssuedUsedAndExpired() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: three of one template granted; one used, one past its end
            let (staff, _) = try await env.loggedInUser("staff0002", mobile: "13899990031")
            try await AccountService(services: env.services).setStaff(userID: staff.id!, true)
            let (a, _) = try await env.loggedInUser("shopper21", mobile: "13800138021")
            let template = try await env.couponTemplate(timerDays: 1)
            let promotions = Promotions(services: env.services)
            _ = try await promotions.grant(couponID: template.id, userID: a.id!)
            clock.advance(by: 2 * 86_400)
            let second = try await promotions.grant(couponID: template.id, userID: a.id!).id
            _ = try await promotions.grant(couponID: template.id, userID: staff.id!)
            try await env.services.sql().raw("UPDATE user_coupons SET status = \(bind: CouponRules.Status.used.rawValue) WHERE id = \(bind: second)").run()
            // act (a fresh login: the first has expired with the days)
            let list = try await client.send(.get, "/admin/api/coupons/", token: try await env.token(for: staff))
            // check
            let row = list.array.first { ($0["coupon"] as? [String: Any])?["id"] as? Int == template.id }
            #expect(row?["issued"] as? Int == 3 && row?["used"] as? Int == 1 && row?["expired"] as? Int == 1)
        }
    }

    @Test func aGrantFromTheUserPageIsAuditedAndShowsInTheirCoupons() async throws {
        try await withApp { client, env in
            // setup
            let (staff, token) = try await env.loggedInUser("staff0003", mobile: "13899990032")
            try await AccountService(services: env.services).setStaff(userID: staff.id!, true)
            let (shopper, shopperToken) = try await env.loggedInUser("shopper22", mobile: "13800138022")
            let template = try await env.couponTemplate()
            // act
            let granted = try await client.send(.post, "/staff/users/\(shopper.id!)/coupons/", json: ["coupon": template.id], token: token)
            let seen = try await client.send(.get, "/admin/api/users/\(shopper.id!)/coupons/", token: token)
            let mine = try await client.send(.get, "/coupons/", token: shopperToken)
            // check
            #expect(granted.status == .created)
            #expect(seen.array.count == 1 && mine.array.count == 1)
            let audit = try await env.auditRows(.init(targetType: "users", targetID: "\(shopper.id!)"))
            #expect(audit.first?.entry.summary == "发放优惠券 满100减10")
        }
    }

    @Test func catalogStaffReadPromotionsButMayNotGrant() async throws {
        try await withApp { client, env in
            // setup
            let (_, goodsOp) = try await env.staffMember("goodsop03", mobile: "13899990033", role: "商品运营")
            let (shopper, _) = try await env.loggedInUser("shopper23", mobile: "13800138023")
            let template = try await env.couponTemplate()
            // act
            let read = try await client.send(.get, "/admin/api/coupon-campaigns/", token: goodsOp)
            let grant = try await client.send(.post, "/staff/users/\(shopper.id!)/coupons/", json: ["coupon": template.id], token: goodsOp)
            // check
            #expect(read.status == .ok && grant.status == .forbidden)
        }
    }
}
