import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// A lot's name and terms changed from the back office (the terms only until the first bid, the deposit only until
/// someone paid it), and its bids read unmasked by staff — never by shoppers.
@Suite struct AdminAuctionLotsTests {
    nonisolated(unsafe) static let terms: [String: Any] = ["uid": "A001", "title": "青花瓷瓶（修订）", "start_price": "1200", "unit": "50", "reserve_price": "1500",
                                       "highest_price": "3000", "deposit": "100"]

    func operatorToken(_ env: TestEnvironment) async throws -> String {
        try await env.staffMember("auctionop2", mobile: "13899990022", role: "拍卖运营").1
    }

    @Test func termsChangeBeforeTheFirstBidAndBiddersSeeThem() async throws {
        try await withApp { client, env in
            // setup
            let lot = try await env.liveLot()
            let token = try await operatorToken(env)
            // act
            let changed = try await client.send(.put, "/admin/api/auction-items/\(lot.item)/", json: Self.terms, token: token)
            let page = try await client.send(.get, "/auctions/items/\(lot.item)/")
            // check
            #expect(changed.status == .ok && changed.object["start_price"] as? String == "1200.00" && changed.object["reserve_price"] as? String == "1500.00")
            #expect(page.object["start_price"] as? String == "1200.00" && page.object["min_bid"] as? String == "1200.00" && page.object["unit"] as? String == "50.00")
            let audit = try await env.auditRows(.init(targetType: "auction_items"))
            #expect(audit.first?.entry.summary == "修改拍品 青花瓷瓶（修订）")
            #expect(audit.first?.entry.before?.contains("\"start_price\":\"1000.00\"") == true)
        }
    }

    @Test func termsFreezeWithTheFirstBidButTheTitleMayStillChange() async throws {
        try await withApp { client, env in
            // setup
            let lot = try await env.liveLot()
            let bidder = try await env.bidder("bidder01", mobile: "13800138041", lot: lot)
            _ = try await AuctionHouse(services: env.services).bid(userID: bidder, itemID: lot.item, maximum: 1_000_00)
            let token = try await operatorToken(env)
            var renamed = ["uid": "A001", "title": "青花瓷瓶（更正）", "start_price": "1000", "unit": "100", "deposit": "100"]
            // act
            let refused = try await client.send(.put, "/admin/api/auction-items/\(lot.item)/", json: Self.terms, token: token)
            let titled = try await client.send(.put, "/admin/api/auction-items/\(lot.item)/", json: renamed, token: token)
            renamed["unit"] = "200"
            let unitRefused = try await client.send(.put, "/admin/api/auction-items/\(lot.item)/", json: renamed, token: token)
            // check
            #expect(refused.status == .badRequest && (refused.object["non_field_errors"] as? [String] ?? []).first == LotTerms.ChangeRefusal.bidsPlaced.description)
            #expect(titled.status == .ok && titled.object["title"] as? String == "青花瓷瓶（更正）" && titled.object["terms_editable"] as? Bool == false)
            #expect(unitRefused.status == .badRequest)
            #expect(try await AuctionHouse(services: env.services).lot(lot.item)?.unit == 100_00)
        }
    }

    @Test func aPaidLotDepositStaysWhileThePriceMayChange() async throws {
        try await withApp { client, env in
            // setup: a bidder paid the lot's ¥100 deposit but has not bid
            let lot = try await env.liveLot()
            _ = try await env.bidder("bidder01", mobile: "13800138042", lot: lot)
            let token = try await operatorToken(env)
            var form = Self.terms
            // act
            form["deposit"] = "200"
            let refused = try await client.send(.put, "/admin/api/auction-items/\(lot.item)/", json: form, token: token)
            form["deposit"] = "100"
            let priced = try await client.send(.put, "/admin/api/auction-items/\(lot.item)/", json: form, token: token)
            // check
            #expect(refused.status == .badRequest && refused.object["deposit"] != nil)
            #expect(priced.status == .ok && priced.object["start_price"] as? String == "1200.00")
        }
    }

    @Test func termsThatContradictThemselvesAreRefusedWhenChangedAndWhenCreated() async throws {
        try await withApp { client, env in
            // setup
            let lot = try await env.liveLot()
            let token = try await operatorToken(env)
            var form = Self.terms
            form["reserve_price"] = "900"
            form["unit"] = "0"
            // act
            let changed = try await client.send(.put, "/admin/api/auction-items/\(lot.item)/", json: form, token: token)
            let created = try await client.send(.post, "/staff/auctions/\(lot.session)/items/", json: form, token: token)
            // check
            for answer in [changed, created] {
                #expect(answer.status == .badRequest && answer.object["reserve_price"] != nil && answer.object["unit"] != nil)
            }
            #expect(try await AuctionHouse(services: env.services).lot(lot.item)?.start == 1_000_00)
        }
    }

    @Test func staffSeeBiddersAndTheLeadersMaximumThatShoppersNeverSee() async throws {
        try await withApp { client, env in
            // setup: two bidders, the second leading with a ¥1,800 maximum
            let lot = try await env.liveLot()
            let house = AuctionHouse(services: env.services)
            let first = try await env.bidder("bidder01", mobile: "13800138043", lot: lot)
            let second = try await env.bidder("bidder02", mobile: "13800138044", lot: lot)
            _ = try await house.bid(userID: first, itemID: lot.item, maximum: 1_200_00)
            _ = try await house.bid(userID: second, itemID: lot.item, maximum: 1_800_00)
            let token = try await operatorToken(env)
            let (_, shopper) = try await env.loggedInUser("shopper09", mobile: "13800138045")
            // act
            let staffLot = try await client.send(.get, "/admin/api/auction-items/\(lot.item)/", token: token)
            let bids = try await client.send(.get, "/admin/api/auction-items/\(lot.item)/bids/", token: token)
            let refused = try await client.send(.get, "/admin/api/auction-items/\(lot.item)/bids/", token: shopper)
            let public_ = try await client.send(.get, "/auctions/items/\(lot.item)/")
            // check
            let leader = staffLot.object["leader"] as? [String: Any]
            #expect(leader?["username"] as? String == "bidder02" && leader?["mobile"] as? String == "13800138044")
            #expect(staffLot.object["leader_max"] as? String == "1800.00" && staffLot.object["reserve_price"] is NSNull)
            let rows = bids.object["results"] as? [[String: Any]] ?? []
            #expect(bids.object["count"] as? Int == rows.count && rows.count >= 2)
            let names = rows.compactMap { ($0["bidder"] as? [String: Any])?["username"] as? String }
            #expect(names.contains("bidder01") && names.contains("bidder02"))
            #expect(rows.map { $0["seq"] as? Int ?? 0 } == rows.map { $0["seq"] as? Int ?? 0 }.sorted(by: >))
            #expect(refused.status == .forbidden)
            #expect(public_.object["leader"] as? String == "b***2" && public_.object["leader_max"] == nil)
        }
    }

    @Test(.heavy) func aTermsChangeRacingBidsEitherLandsBeforeEveryBidOrIsRefused() async throws {
        try await withApp { _, env in
            // setup: ten bidders ready to bid up to ¥1,500 while staff raise the start to ¥2,000
            let lot = try await env.liveLot()
            var bidders: [Int] = []
            for n in 0..<10 { bidders.append(try await env.bidder("racer\(n)", mobile: "1390001\(String(format: "%04d", n))", lot: lot)) }
            let house = AuctionHouse(services: env.services)
            let editor = AuctionSessionEditor(services: env.services)
            let raised = AuctionSessionEditor.LotChange(uid: "A001", title: "青花瓷瓶", terms: LotTerms(start: 2_000_00, unit: 100_00, deposit: 100_00))
            // act
            let changed = await withTaskGroup(of: Bool?.self) { group in
                group.addTask { (try? await editor.updateLot(itemID: lot.item, raised)) != nil }
                for bidder in bidders { group.addTask { _ = try? await house.bid(userID: bidder, itemID: lot.item, maximum: 1_500_00); return nil } }
                return await group.reduce(into: [Bool]()) { if let value = $1 { $0.append(value) } }.first ?? false
            }
            // check: either the new start stands and no bid below it was taken, or a bid came first and the start stayed
            let final = try #require(try await house.lot(lot.item))
            if changed {
                #expect(final.start == 2_000_00 && final.bidCount == 0)
            } else {
                #expect(final.start == 1_000_00 && final.bidCount > 0)
            }
            let history = try await house.history(itemID: lot.item)
            #expect(history.allSatisfy { $0.entry.price >= final.start })
        }
    }
}
