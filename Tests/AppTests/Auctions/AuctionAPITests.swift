import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// `/auctions/` over HTTP: the lot page for a viewer, deposits and bids with their refusals, my orders in the seed's
/// grouping, paying, sessions by status, looks.
@Suite struct AuctionAPITests {
    @Test func aDepositFromTheWalletLetsTheViewerBid() async throws {
        try await withApp { client, env in
            // setup
            let lot = try await env.liveLot()
            let (user, token) = try await env.loggedInUser()
            try await env.give(.wallet, 100_00, to: user.id!)
            let before = try await client.send(.get, "/auctions/items/\(lot.item)/", token: token).object["viewer"] as? [String: Any]
            // act
            let paid = try await client.send(.post, "/auctions/deposit/", json: ["auction_id": lot.session, "item_id": lot.item, "pay_type": 2],
                                             token: token)
            let bid = try await client.send(.post, "/auctions/items/\(lot.item)/bids/", json: ["price": "1000.00"], token: token)
            let after = try await client.send(.get, "/auctions/items/\(lot.item)/", token: token).object
            // check: not allowed before; after, leading at ¥1,000 and the next bid at ¥1,100
            #expect(before?["may_bid"] as? Bool == false && before?["deposit_due"] as? String == "100.00")
            #expect(paid.status == .created && paid.object["status"] as? String == "paid")
            #expect(bid.status == .created && bid.object["leading"] as? Bool == true)
            #expect(after["price"] as? String == "1000.00" && after["min_bid"] as? String == "1100.00")
            #expect((after["viewer"] as? [String: Any])?["leading"] as? Bool == true)
        }
    }

    @Test func aBidWithoutADepositIsANonFieldError() async throws {
        try await withApp { client, env in
            // setup
            let lot = try await env.liveLot()
            let (_, token) = try await env.loggedInUser()
            // act
            let refused = try await client.send(.post, "/auctions/items/\(lot.item)/bids/", json: ["price": "1000"], token: token)
            // check
            #expect(refused.status == .badRequest)
            #expect(refused.object["non_field_errors"] as? [String] == ["请先缴纳保证金"])
        }
    }

    @Test func aBidUnderTheNextStepIsAPriceFieldError() async throws {
        try await withApp { client, env in
            // setup: A leads at ¥1,000
            let lot = try await env.liveLot()
            let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
            try await AuctionHouse(services: env.services).bid(userID: a, itemID: lot.item, maximum: 1_000_00)
            let b = try await env.bidder("bidderB", mobile: "13800000002", lot: lot)
            let token = try await env.token(for: try await AccountService(services: env.services).user(id: b))
            // act
            let refused = try await client.send(.post, "/auctions/items/\(lot.item)/bids/", json: ["price": "1050"], token: token)
            let garbage = try await client.send(.post, "/auctions/items/\(lot.item)/bids/", json: ["price": "abc"], token: token)
            // check
            #expect(refused.status == .badRequest && refused.object["price"] as? [String] == [Bidding.Refusal.tooLow.rawValue])
            #expect(garbage.status == .badRequest && garbage.object["price"] as? [String] == ["请输入正确的金额"])
        }
    }

    @Test func myOrdersComeGroupedByStatusInTheSeedsShape() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: A won a lot at ¥1,000
            let won = try await AuctionPaymentTests.won(env, clock)
            let token = try await env.token(for: try await AccountService(services: env.services).user(id: won.winner))
            // act
            let orders = try await client.send(.get, "/auctions/orders/", token: token).object
            // check: four groups; the order is 未支付 with the seed's child fields
            #expect(Set(orders.keys) == ["1", "2", "3", "4"])
            let unpaid = try #require(orders["1"] as? [String: Any])
            #expect(unpaid["text"] as? String == "未支付")
            let child = try #require((unpaid["child"] as? [[String: Any]])?.first)
            #expect(child["price"] as? String == "1000.00" && child["title"] as? String == "青花瓷瓶" && child["status"] as? Int == 1)
            #expect((child["create_date"] as? String)?.count == 16)
        }
    }

    @Test func payingFromThePageTakesTheDepositAndTheBalance() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: A won at ¥1,000 with ¥900 in the wallet and an address
            let won = try await AuctionPaymentTests.won(env, clock)
            try await env.give(.wallet, 900_00, to: won.winner)
            let token = try await env.token(for: try await AccountService(services: env.services).user(id: won.winner))
            let address = try await env.address(for: won.winner)
            // act
            let quote = try await client.send(.get, "/auctions/orders/\(won.order)/pay/", token: token).object
            let paid = try await client.send(.post, "/auctions/orders/\(won.order)/pay/", json: ["address_id": address], token: token)
            // check: the page offered ¥100 deposit and ¥900 balance; payment used both
            #expect(quote["deposit"] as? String == "100.00" && quote["balance"] as? String == "900.00")
            #expect(paid.status == .created && paid.object["status"] as? String == "paid" && paid.object["payment_case"] as? Int == 4)
            #expect(paid.object["deposit_deducted"] as? String == "100.00" && paid.object["balance_paid"] as? String == "900.00")
            #expect(try await env.balance(.wallet, of: won.winner) == 0)
        }
    }

    @Test func aSessionIsListedUnderTheStatusTheClockGivesIt() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: a live session, then the clock passes its end without any job running
            let lot = try await env.liveLot()
            clock.advance(by: 3_601)
            // act
            let live = try await client.send(.get, "/auctions/?status=3").array
            let ended = try await client.send(.get, "/auctions/?status=4").array
            let bad = try await client.send(.get, "/auctions/?status=9")
            // check
            #expect(live.isEmpty)
            #expect(ended.compactMap { $0["id"] as? Int } == [lot.session])
            #expect(bad.status == .badRequest)
        }
    }

    @Test func theSessionPageTellsTheViewerTheirSessionDepositIsPaid() async throws {
        try await withApp { client, env in
            // setup: a session asking a ¥300 deposit, paid by the viewer from the wallet
            let now = env.services.clock.now()
            let house = AuctionHouse(services: env.services)
            let session = try await house.createSession(.init(title: "秋拍", times: .init(
                previewStart: now.addingTimeInterval(-60), auctionStart: now.addingTimeInterval(-30), auctionEnd: now.addingTimeInterval(3_600)),
                deposit: 300_00))
            let (user, token) = try await env.loggedInUser()
            try await env.give(.wallet, 300_00, to: user.id!)
            let before = try await client.send(.get, "/auctions/\(session)/", token: token).object["viewer"] as? [String: Any]
            // act
            try await client.send(.post, "/auctions/deposit/", json: ["auction_id": session, "pay_type": 2], token: token)
            let after = try await client.send(.get, "/auctions/\(session)/", token: token).object["viewer"] as? [String: Any]
            // check
            #expect(before?["deposit_paid"] as? Bool == false)
            #expect(after?["deposit_paid"] as? Bool == true && after?["deposit_balance"] as? String == "300.00")
        }
    }

    @Test func aSignedInUsersLooksCountOnceAndAnonymousOnesEachTime() async throws {
        try await withApp { client, env in
            // setup
            let lot = try await env.liveLot()
            let (_, token) = try await env.loggedInUser()
            // act: the user opens the lot twice, someone anonymous twice; a page refreshing what it shows
            for auth in [token, token, nil, nil] { _ = try await client.send(.get, "/auctions/items/\(lot.item)/", token: auth) }
            _ = try await client.send(.get, "/auctions/items/\(lot.item)/?refresh=1")
            // check: 3 looks on the lot and on its session (the refresh is not one)
            let detail = try await client.send(.get, "/auctions/\(lot.session)/").object
            #expect((detail["items"] as? [[String: Any]])?.first?["look_count"] as? Int == 3)
            #expect((detail["session"] as? [String: Any])?["look_count"] as? Int == 3)
        }
    }
}

extension TestEnvironment {
    /// An address of the user's, to ship a lot to; its id.
    func address(for userID: Int) async throws -> Int {
        try await AddressService(services: services).create(userID: userID, input: AddressInput(
            title: "家", receiver: "张三", provinceID: 110000, cityID: 110100, districtID: 110101, place: "东长安街1号",
            mobile: "13800000001", tel: "", email: "")).id
    }
}
