import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// A session's stored status moved by the jobs queued at its times — 预展中, 拍卖中, 已结束 — with its lots following
/// up to 拍卖中; and read right by the clock before any job has run.
@Suite struct AuctionSessionStatusTests {
    /// The stored statuses of the session and of its lot.
    static func stored(_ env: TestEnvironment, session: Int, item: Int) async throws -> (Int, Int) {
        let a = try await env.services.sql().raw("SELECT status FROM auctions WHERE id = \(bind: session)").first()!
        let i = try await env.services.sql().raw("SELECT status FROM auction_items WHERE id = \(bind: item)").first()!
        return (try a.decode(column: "status", as: Int.self), try i.decode(column: "status", as: Int.self))
    }

    @Test func theJobsMoveTheSessionAndItsLotsAtTheirTimes() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { _, env in
            // setup: preview in 1 h, bidding in 2 h, the end in 3 h; one lot
            let now = clock.now
            let house = AuctionHouse(services: env.services)
            let session = try await house.createSession(.init(title: "春拍", times: .init(
                previewStart: now.addingTimeInterval(3_600), auctionStart: now.addingTimeInterval(7_200), auctionEnd: now.addingTimeInterval(10_800))))
            let item = try await house.createLot(.init(uid: "C001", title: "青铜爵", start: 1_000_00, unit: 100_00), auctionID: session)
            // act: the jobs run as each moment passes
            var seen: [(Int, Int)] = [try await Self.stored(env, session: session, item: item)]
            for _ in 0..<3 {
                clock.advance(by: 3_600)
                await env.runJobs()
                seen.append(try await Self.stored(env, session: session, item: item))
            }
            // check: 未开拍 → 预展中 → 拍卖中 → 已结束; the lot stops at 拍卖中 (then settled: 流拍, no bids)
            #expect(seen.map(\.0) == [1, 2, 3, 4])
            #expect(seen.map(\.1).prefix(3) == [1, 2, 3])
            #expect(seen.last?.1 == AuctionSchedule.LotStatus.unsold.rawValue)
        }
    }

    @Test func aSessionReadBeforeItsJobRunsShowsTheClocksStatus() async throws {
        let clock = ManualClock()
        try await withApp(clock: clock.shopClock) { client, env in
            // setup: bidding opens in an hour; the clock passes it, no job runs
            let now = clock.now
            let session = try await AuctionHouse(services: env.services).createSession(.init(title: "春拍", times: .init(
                previewStart: now.addingTimeInterval(-60), auctionStart: now.addingTimeInterval(3_600), auctionEnd: now.addingTimeInterval(7_200))))
            clock.advance(by: 3_601)
            // act
            let detail = try await client.send(.get, "/auctions/\(session)/").object["session"] as? [String: Any]
            // check: 拍卖中 though 预展中 is stored
            #expect(detail?["status"] as? Int == 3 && detail?["status_text"] as? String == "拍卖中")
            let stored = try await env.services.sql().raw("SELECT status FROM auctions WHERE id = \(bind: session)").first()!
            #expect(try stored.decode(column: "status", as: Int.self) == 2)
        }
    }
}
