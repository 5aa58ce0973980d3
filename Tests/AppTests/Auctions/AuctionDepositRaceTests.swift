import Foundation
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// Staff changing a deposit while a bidder pays it: the payment and the change serialise on the session's (or the
/// lot's) row, so every deposit paid is for the amount that stands — never the old amount after the change.
@Suite struct AuctionDepositRaceTests {
    @Test(.heavy) func aDepositPaidWhileStaffChangeItIsForTheAmountThatStands() async throws {
        try await withApp { _, env in
            for round in 0..<12 {
                // setup: a session asking ¥100, opening tomorrow; a bidder with ¥500
                let now = env.services.clock.now()
                let times = AuctionSchedule.Times(previewStart: now.addingTimeInterval(86_400), auctionStart: now.addingTimeInterval(90_000),
                                                  auctionEnd: now.addingTimeInterval(100_000))
                let session = try await AuctionHouse(services: env.services).createSession(.init(title: "专场 \(round)", times: times, deposit: 100_00))
                let bidder = try await env.createUser("racer\(round)", mobile: "1390002\(String(format: "%04d", round))").id!
                try await env.give(.wallet, 500_00, to: bidder)
                let editor = AuctionSessionEditor(services: env.services)
                // act
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { try? await editor.update(session, .init(title: "专场 \(round)", deposit: 50_00, times: times)) }
                    group.addTask { _ = try? await AuctionHouse(services: env.services).payDepositFromWallet(userID: bidder, auctionID: session, itemID: nil) }
                }
                // check: what was paid is what the session asks now, and the wallet paid exactly that
                let sql = env.services.sql()
                let asked = try await sql.raw("SELECT deposit FROM auctions WHERE id = \(bind: session)").first()!.decode(column: "deposit", as: Int64.self)
                let paid = try await sql.raw("SELECT amount FROM auction_deposits WHERE auction_id = \(bind: session)").all()
                    .map { try $0.decode(column: "amount", as: Int64.self) }
                #expect(paid.allSatisfy { $0 == asked }, "round \(round): asked \(asked), paid \(paid)")
                #expect(try await env.balance(.wallet, of: bidder) == 500_00 - paid.reduce(0, +))
            }
        }
    }
}
