import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// Claim campaigns and users' coupons: windows on the shop's clock, one claim each, never more than the count.
@Suite struct CouponCampaignTests {
    static func campaign(_ env: TestEnvironment, count: Int, startIn: TimeInterval = -60, stopIn: TimeInterval = 3600) async throws -> CampaignDTO {
        let template = try await env.couponTemplate()
        let now = env.services.clock.now()
        return try await Promotions(services: env.services).createCampaign(.init(
            title: "双十二领券", couponID: template.id, count: count, start: now.addingTimeInterval(startIn), stop: now.addingTimeInterval(stopIn)))
    }

    @Test(.heavy) func sixtyFourConcurrentClaimsOfACampaignOfOneGiveExactlyOne() async throws {
        try await withApp { client, env in
            // setup: 64 shoppers, one coupon to hand out
            let campaign = try await Self.campaign(env, count: 1)
            var tokens: [String] = []
            for i in 0..<64 { tokens.append(try await env.loggedInUser(String(format: "claimer%03d", i), mobile: String(format: "1350000%04d", i)).1) }
            // act
            let statuses = await withTaskGroup(of: HTTPResponse.Status.self) { group in
                for token in tokens {
                    group.addTask { (try? await client.send(.post, "/coupon-campaigns/\(campaign.id)/claim/", token: token).status) ?? .internalServerError }
                }
                return await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // check
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .badRequest }.count == 63)
            let stored = try await Promotions(services: env.services).campaign(id: campaign.id, userID: nil)
            #expect(stored?.apply_count == 1)
            #expect(try await env.services.sql().raw("SELECT COUNT(*) AS n FROM user_coupons").first()!.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test func aSecondClaimByTheSameShopperIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let campaign = try await Self.campaign(env, count: 10)
            let (_, token) = try await env.loggedInUser()
            let first = try await client.send(.post, "/coupon-campaigns/\(campaign.id)/claim/", token: token)
            // act
            let second = try await client.send(.post, "/coupon-campaigns/\(campaign.id)/claim/", token: token)
            // check
            #expect(first.status == .created)
            #expect(second.status == .badRequest)
            #expect(second.nonFieldErrors == ["您已领取过该优惠券"])
        }
    }

    @Test func aClaimBeforeTheWindowIsRefused() async throws {
        try await withApp { client, env in
            // setup
            let campaign = try await Self.campaign(env, count: 10, startIn: 3600, stopIn: 7200)
            let (_, token) = try await env.loggedInUser()
            // act
            let response = try await client.send(.post, "/coupon-campaigns/\(campaign.id)/claim/", token: token)
            // check
            #expect(response.status == .badRequest)
            #expect(response.nonFieldErrors == ["领取尚未开始"])
        }
    }

    @Test func theStatusFollowsTheWindowWhenReadAndTheJobsCatchUp() async throws {
        let clock = ManualClock()
        try await withServices(clock: clock.shopClock) { env in
            // setup: a window from an hour to two hours from now
            let campaign = try await Self.campaign(env, count: 10, startIn: 3600, stopIn: 7200)
            let promotions = Promotions(services: env.services)
            func stored() async throws -> Int {
                try await env.services.sql().raw("SELECT status FROM coupon_campaigns WHERE id = \(bind: campaign.id)").first()!.decode(column: "status", as: Int.self)
            }
            // act / check: read between job runs, the window decides; the job at each edge stores it
            #expect(campaign.status == CampaignStatus.notStarted.rawValue)
            clock.advance(by: 3600)
            #expect(try await promotions.campaign(id: campaign.id, userID: nil)?.status == CampaignStatus.claiming.rawValue)
            #expect(try await stored() == CampaignStatus.notStarted.rawValue)
            await env.runJobs()
            #expect(try await stored() == CampaignStatus.claiming.rawValue)
            clock.advance(by: 3600)
            await env.runJobs()
            #expect(try await stored() == CampaignStatus.ended.rawValue)
        }
    }

    @Test func aCouponPastItsEndReadsExpiredBeforeTheJobMarksIt() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: a 30-day coupon
            let user = try await env.createUser()
            let id = try await env.grantCoupon(to: user.id!)
            // act: 31 days later (a fresh login: yesterday's token has expired too)
            clock.advance(by: 31 * 86_400)
            let mine = try await client.send(.get, "/coupons/?status=3", token: try await env.token(for: user))
            // check
            #expect((mine.array.first?["id"] as? Int) == id)
            #expect(try await env.couponStatus(id) == CouponRules.Status.unused.rawValue)
            #expect(try await Promotions(services: env.services).expireCoupons() == 1)
            #expect(try await env.couponStatus(id) == CouponRules.Status.expired.rawValue)
        }
    }

    @Test func staffCreateATemplateAndShoppersCannot() async throws {
        try await withApp { client, env in
            // setup
            let (staff, staffToken) = try await env.loggedInUser("staff0001", mobile: "13899990000")
            try await AccountService(services: env.services).setStaff(userID: staff.id!, true)
            let (_, shopperToken) = try await env.loggedInUser()
            let body: [String: Any] = ["name": "八二折", "sale": "*0.82", "condition": 100, "timer": 7]
            // act
            let made = try await client.send(.post, "/staff/coupons/", json: body, token: staffToken)
            let refused = try await client.send(.post, "/staff/coupons/", json: body, token: shopperToken)
            let bad = try await client.send(.post, "/staff/coupons/", json: ["name": "坏", "sale": "x10"], token: staffToken)
            // check
            #expect(made.status == .created)
            #expect(made.object["coupon_type"] as? Int == 0)
            #expect(refused.status == .forbidden)
            #expect(bad.fieldErrors("sale")?.count == 1)
        }
    }
}
