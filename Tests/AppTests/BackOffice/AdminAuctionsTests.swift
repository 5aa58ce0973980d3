import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// Sessions and lots in the back office: new times reschedule the status jobs (and the lots' settlement), refused
/// once the auction has begun; pictures uploaded for a lot replace its drawn stand-in; particulars set — audited.
@Suite struct AdminAuctionsTests {
    struct Desk {
        let token: String
        let session: Int
        let lot: Int
    }

    /// A 拍卖运营 staff member and a session (preview in 1 h, bidding in 2 h, the end in 3 h) with one lot.
    func desk(_ client: some TestClientProtocol, _ env: TestEnvironment, clock: ManualClock) async throws -> Desk {
        let (_, token) = try await env.staffMember("auctionop1", mobile: "13899990021", role: "拍卖运营")
        let now = clock.now
        let session = try await AuctionHouse(services: env.services).createSession(.init(title: "春拍", times: .init(
            previewStart: now.addingTimeInterval(3_600), auctionStart: now.addingTimeInterval(7_200), auctionEnd: now.addingTimeInterval(10_800)), deposit: 100_00))
        let lot = try await client.send(.post, "/staff/auctions/\(session)/items/", json: ["uid": "C001", "title": "青铜爵", "start_price": "1000", "unit": "100"],
                                        token: token).object["id"] as! Int
        return Desk(token: token, session: session, lot: lot)
    }

    func body(_ clock: ManualClock, preview: TimeInterval, start: TimeInterval, end: TimeInterval, deposit: String = "100.00") -> [String: Any] {
        let format = ISO8601DateFormatter()
        return ["title": "春拍（改期）", "deposit": deposit, "preview_start_time": format.string(from: clock.now.addingTimeInterval(preview)),
                "auction_start_time": format.string(from: clock.now.addingTimeInterval(start)), "auction_end_time": format.string(from: clock.now.addingTimeInterval(end))]
    }

    @Test func anEarlierStartOpensTheSessionAtTheNewTimeAndItsLotSettlesAtTheNewEnd() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup
            let desk = try await desk(client, env, clock: clock)
            // act: preview now, bidding in 10 minutes, the end in 20
            let moved = try await client.send(.put, "/admin/api/auctions/\(desk.session)/", json: body(clock, preview: 0, start: 600, end: 1_200), token: desk.token)
            clock.advance(by: 601)
            await env.runJobs()
            let live = try await AuctionSessionStatusTests.stored(env, session: desk.session, item: desk.lot)
            clock.advance(by: 600)
            await env.runJobs()
            let settled = try await AuctionSessionStatusTests.stored(env, session: desk.session, item: desk.lot)
            // check
            #expect(moved.status == .ok && moved.object["title"] as? String == "春拍（改期）")
            #expect(live == (3, 3))
            #expect(settled == (4, AuctionSchedule.LotStatus.unsold.rawValue))
            let audit = try await env.auditRows(.init(targetType: "auctions"))
            #expect(audit.first?.entry.summary == "修改专场 春拍（改期）" && audit.first?.entry.before?.contains("\"title\":\"春拍\"") == true)
        }
    }

    @Test func aSessionWhoseAuctionHasBegunKeepsItsTimes() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup
            let desk = try await desk(client, env, clock: clock)
            clock.advance(by: 7_201)
            // act
            let refused = try await client.send(.put, "/admin/api/auctions/\(desk.session)/", json: body(clock, preview: 0, start: 600, end: 1_200), token: desk.token)
            let renamed = try await client.send(.put, "/admin/api/auctions/\(desk.session)/", json: body(clock, preview: -3_601, start: -1, end: 3_599), token: desk.token)
            // check: new times are refused; the same times with a new title are not
            #expect(refused.status == .badRequest && refused.object["auction_start_time"] != nil)
            #expect(renamed.status == .ok && renamed.object["status"] as? Int == 3)
        }
    }

    @Test func timesOutOfOrderOrInThePastAreRefused() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup
            let desk = try await desk(client, env, clock: clock)
            // act
            let backwards = try await client.send(.put, "/admin/api/auctions/\(desk.session)/", json: body(clock, preview: 0, start: 1_200, end: 600), token: desk.token)
            let past = try await client.send(.put, "/admin/api/auctions/\(desk.session)/", json: body(clock, preview: -600, start: -60, end: 600), token: desk.token)
            // check
            #expect(backwards.status == .badRequest && backwards.object["auction_end_time"] != nil)
            #expect(past.status == .badRequest && past.object["auction_start_time"] != nil)
        }
    }

    @Test func theDepositStaysOnceSomeoneHasPaidIt() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: a bidder pays the session's ¥100 deposit from the wallet
            let desk = try await desk(client, env, clock: clock)
            let (bidder, _) = try await env.loggedInUser("bidder01", mobile: "13800138031")
            try await env.give(.wallet, 100_00, to: bidder.id!)
            _ = try await AuctionHouse(services: env.services).payDepositFromWallet(userID: bidder.id!, auctionID: desk.session, itemID: nil)
            // act
            let refused = try await client.send(.put, "/admin/api/auctions/\(desk.session)/",
                                                json: body(clock, preview: 3_600, start: 7_200, end: 10_800, deposit: "50.00"), token: desk.token)
            // check
            #expect(refused.status == .badRequest && refused.object["deposit"] != nil)
        }
    }

    @Test func theFirstUploadedPictureReplacesTheLotsDrawnCoverAndSpecsAreSet() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup
            let desk = try await desk(client, env, clock: clock)
            let bytes = CatalogDesk.png(shade: 77)
            // act
            let uploaded = try await client.execute(uri: "/admin/api/auction-items/\(desk.lot)/images/", method: .post,
                                                    headers: [.authorization: "JWT \(desk.token)", .contentType: "image/png"], body: ByteBuffer(bytes: bytes))
            let specs = try await client.send(.put, "/admin/api/auction-items/\(desk.lot)/specs/",
                                              json: ["specs": [["key": "年代", "value": "商代"], ["key": "尺寸", "value": "高 20 cm"]]], token: desk.token)
            let blank = try await client.send(.put, "/admin/api/auction-items/\(desk.lot)/specs/", json: ["specs": [["key": "", "value": "x"]]], token: desk.token)
            // check
            let images = uploaded.object["images"] as? [[String: Any]] ?? []
            let cover = uploaded.object["cover"] as? String ?? ""
            #expect(uploaded.status == .created && images.count == 1 && cover.contains("/auctions/") && cover.hasSuffix(".png"))
            #expect(images.first?["url"] as? String == cover)
            #expect((specs.object["specs"] as? [[String: Any]])?.map { $0["key"] as? String } == ["年代", "尺寸"])
            #expect(blank.status == .badRequest)
        }
    }

    @Test func catalogStaffMayNotTouchAuctions() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup
            let desk = try await desk(client, env, clock: clock)
            let (_, goodsOp) = try await env.staffMember("goodsop02", mobile: "13899990022", role: "商品运营")
            // act
            let refused = try await client.send(.put, "/admin/api/auctions/\(desk.session)/", json: body(clock, preview: 0, start: 600, end: 1_200), token: goodsOp)
            // check
            #expect(refused.status == .forbidden)
        }
    }

    @Test func staffSeeTheSessionsDepositsAndTheWonLotsOrder() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: bidderA won the lot at ¥1,000 after paying its ¥100 deposit
            let won = try await AuctionPaymentTests.won(env, clock)
            let (_, token) = try await env.staffMember("auctionop2", mobile: "13899990023", role: "拍卖运营")
            // act
            let deposits = try await client.send(.get, "/admin/api/auctions/\(won.lot.session)/deposits/", token: token)
            let orders = try await client.send(.get, "/admin/api/auctions/\(won.lot.session)/orders/", token: token)
            // check
            #expect(deposits.array.map { $0["username"] as? String } == ["bidderA"] && deposits.array.first?["amount"] as? String == "100.00")
            #expect(orders.array.count == 1 && orders.array.first?["uid"] as? String == won.orderUID)
            #expect(orders.array.first?["price"] as? String == "1000.00" && orders.array.first?["status"] as? Int == 1)
        }
    }

    @Test func auctionStaffSeeTheCouponsOfTheirSessionOnly() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: a template for this session, one for another session, one for everything
            let desk = try await desk(client, env, clock: clock)
            let promotions = Promotions(services: env.services)
            let mine = try await promotions.createTemplate(.init(name: "春拍立减 200", sale: "-200", thresholdYuan: 1000, timerDays: 7,
                                                                 scope: "auction", scopeID: desk.session))
            _ = try await promotions.createTemplate(.init(name: "秋拍立减", sale: "-100", thresholdYuan: 500, timerDays: 7, scope: "auction", scopeID: desk.session + 1))
            _ = try await promotions.createTemplate(.init(name: "全场券", sale: "-10", thresholdYuan: 100, timerDays: 7))
            // act
            let listed = try await client.send(.get, "/admin/api/auctions/\(desk.session)/coupons/", token: desk.token)
            let missing = try await client.send(.get, "/admin/api/auctions/999999/coupons/", token: desk.token)
            // check
            #expect(listed.array.compactMap { ($0["coupon"] as? [String: Any])?["id"] as? Int } == [mine.id])
            #expect(listed.array.first?["issued"] as? Int == 0)
            #expect(missing.status == .notFound)
        }
    }
}
