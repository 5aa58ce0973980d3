import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// The wallet and credits ledgers: append-only, the balance always their sum, staff adjustments named.
@Suite struct WalletLedgerTests {
    static func staff(_ env: TestEnvironment) async throws -> (User, String) {
        let (staff, token) = try await env.loggedInUser("staff0001", mobile: "13899990000")
        try await AccountService(services: env.services).setStaff(userID: staff.id!, true)
        return (staff, token)
    }

    @Test func aStaffAdjustmentIsALedgerRowNamingTheStaffMember() async throws {
        try await withApp { client, env in
            // setup
            let (staff, staffToken) = try await Self.staff(env)
            let (user, token) = try await env.loggedInUser()
            // act
            let given = try await client.send(.post, "/staff/users/\(user.id!)/wallet/", json: ["amount": "25.50", "reason": "补偿运费"], token: staffToken)
            let wallet = try await client.send(.get, "/wallet/", token: token)
            // check
            #expect(given.status == .created)
            #expect(wallet.object["balance"] as? String == "25.50")
            let entries = try #require((wallet.object["entries"] as? [String: Any])?["results"] as? [[String: Any]])
            #expect(entries.first?["reason"] as? String == "人工调整：补偿运费")
            #expect(entries.first?["balance_after"] as? String == "25.50")
            let staffID = try await env.services.sql().raw("SELECT staff_id FROM ledger_entries").first()?.decode(column: "staff_id", as: Int?.self)
            #expect(staffID == staff.id)
        }
    }

    @Test func aStaffDebitBelowZeroIsRefusedAndWritesNothing() async throws {
        try await withApp { client, env in
            // setup
            let (_, staffToken) = try await Self.staff(env)
            let user = try await env.createUser()
            try await env.give(.credits, 50, to: user.id!)
            // act
            let response = try await client.send(.post, "/staff/users/\(user.id!)/credits/", json: ["amount": "-80", "reason": "扣回"], token: staffToken)
            // check
            #expect(response.status == .badRequest)
            #expect(response.fieldErrors("amount") == ["积分不足"])
            #expect(try await env.balance(.credits, of: user.id!) == 50)
            #expect(try await env.ledgerBalances(.credits, of: user.id!))
        }
    }

    @Test func theLedgerPageShowsTheBalanceAfterEachEntryNewestFirst() async throws {
        try await withApp { client, env in
            // setup: +100, +50, −30 credits
            let (user, token) = try await env.loggedInUser()
            try await env.give(.credits, 100, to: user.id!)
            try await env.give(.credits, 50, to: user.id!)
            try await env.services.planExecutor.execute(Ledger(.credits, services: env.services).debitSteps(
                userID: user.id!, amount: 30, reason: .orderPayment, orderID: "1", now: env.services.clock.now()))
            // act
            let credits = try await client.send(.get, "/credits/", token: token)
            // check
            let entries = try #require((credits.object["entries"] as? [String: Any])?["results"] as? [[String: Any]])
            #expect(entries.compactMap { $0["amount"] as? String } == ["-30", "50", "100"])
            #expect(entries.compactMap { $0["balance_after"] as? String } == ["120", "150", "100"])
            #expect(credits.object["balance"] as? String == "120")
        }
    }

    @Test(.heavy) func concurrentDebitsNeverTakeTheBalanceBelowZero() async throws {
        try await withServices { env in
            // setup: ¥100, and thirty debits of ¥10 at once
            let user = try await env.createUser()
            try await env.give(.wallet, 100_00, to: user.id!)
            let ledger = Ledger(.wallet, services: env.services)
            // act
            let succeeded = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        (try? await env.services.planExecutor.execute(ledger.debitSteps(
                            userID: user.id!, amount: 10_00, reason: .orderPayment, now: env.services.clock.now()))) != nil
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            // check
            #expect(succeeded == 10)
            #expect(try await env.balance(.wallet, of: user.id!) == 0)
            #expect(try await env.ledgerBalances(.wallet, of: user.id!))
        }
    }
}
