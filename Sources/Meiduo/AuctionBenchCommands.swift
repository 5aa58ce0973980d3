import App
import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HummingbirdWSClient
import Logging
import MeiduoRules
import NIOConcurrencyHelpers
import SQLKit

/// Before the bidding scenario: a live session with one hot lot (start ¥100, steps of ¥1, a ¥10 lot deposit) and
/// that deposit paid from the wallet by each of the first `--shoppers` benchmark users, and a second lot for the
/// WebSocket fan-out. Prints `LOT <id>` and `LIVE <id>`.
struct BenchAuction: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-auction", abstract: "Open a hot lot for the bidding benchmark (prints `LOT <id>`).")

    @Option(help: "How many benchmark users get the lot's deposit.") var shoppers = 64

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        do {
            let house = AuctionHouse(services: services)
            let now = services.clock.now()
            let session = try await house.createSession(.init(title: "压测专场", times: .init(
                previewStart: now.addingTimeInterval(-60), auctionStart: now.addingTimeInterval(-30), auctionEnd: now.addingTimeInterval(3_600))))
            let lot = try await house.createLot(.init(uid: "B001", title: "压测拍品", start: 100_00, unit: 1_00, deposit: 10_00), auctionID: session)
            let watched = try await house.createLot(.init(uid: "B002", title: "压测直播拍品", start: 100_00, unit: 1_00, deposit: 10_00), auctionID: session)
            for i in 0..<shoppers {
                guard let user = try await AccountService(services: services).findUser(account: BenchFixture.username(i)), let id = user.id else { continue }
                try await services.planExecutor.execute(Ledger(.wallet, services: services).creditSteps(
                    userID: id, amount: 10_00, reason: .staffAdjustment, note: "压测", now: now))
                try await services.planExecutor.execute(Ledger(.wallet, services: services).creditSteps(
                    userID: id, amount: 10_00, reason: .staffAdjustment, note: "压测", now: now))
                try await house.payDepositFromWallet(userID: id, auctionID: session, itemID: lot)
                try await house.payDepositFromWallet(userID: id, auctionID: session, itemID: watched)
            }
            print("LOT \(lot)")
            print("LIVE \(watched)")
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}

/// After the bidding scenario: the lot's history must account for every accepted bid (one version per accepted
/// request: at least `--accepted` as wrk counted them, and at most `--in-flight` more — requests wrk cut off at the
/// end were still placed), have no gap in its places, rise strictly, end at the lot's price, and no bid in it may be
/// above the leader's maximum. Exits 1 otherwise.
struct BenchAuctionAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-auction-audit", abstract: "Check the hot lot's history after the bidding benchmark (exits 1 if inconsistent).")

    @Option(help: "The lot.") var lot: Int
    @Option(help: "Bids the server accepted (201s), as the load generator counted them.") var accepted: Int
    @Option(name: .customLong("in-flight"), help: "Requests that may have been in flight when the load generator stopped.") var inFlight = 64

    func run() async throws {
        let (config, logger) = try loadConfig()
        let services = try await MeiduoApplication.makeServices(config: config, logger: logger, migrate: false)
        let state = try await AuctionHouse(services: services).lot(lot)
        let history = try await AuctionHouse(services: services).history(itemID: lot)
        await services.shutdown()
        guard let state, let standing = state.standing else { print("AUDIT no bids"); throw ExitCode(1) }
        let places = history.map(\.seq) == Array(1...max(history.count, 1)).prefix(history.count).map { $0 }
        let rising = zip(history, history.dropFirst()).allSatisfy { $0.entry.price < $1.entry.price }
        let endsAtPrice = history.last?.entry.price == standing.price && history.last?.entry.bidder == standing.leader
        let underLeader = history.allSatisfy { $0.entry.price <= standing.leaderMax }
        let counted = state.bidCount == history.count && state.version >= accepted && state.version <= accepted + inFlight
        print("AUDIT bids=\(history.count) accepted_requests=\(accepted) versions=\(state.version) final=\(Double(standing.price) / 100) "
              + "leader_max=\(Double(standing.leaderMax) / 100) places_ok=\(places) rising=\(rising) final_is_last=\(endsAtPrice) "
              + "none_above_leader=\(underLeader) nothing_lost=\(counted)")
        if !(places && rising && endsAtPrice && underLeader && counted) { throw ExitCode(1) }
    }
}

/// WebSocket fan-out: `--watchers` sockets watch the lot, then `--bids` bids go in one after another (a proxy
/// maximum each, `--interval-ms` apart, alternating between two shoppers' tokens from `--shoppers`); every watcher
/// timestamps each event it receives. Delivery time = receipt − the moment the bid was sent (so it includes placing it).
/// Prints `LIVE watchers=… events=… missing=… p50=…ms p99=…ms`.
struct BenchLive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-live", abstract: "Measure live bid delivery to many WebSocket watchers.")

    @Option(help: "The server.") var url = "http://127.0.0.1:18080"
    @Option(help: "The lot.") var lot: Int
    @Option(help: "The file of `token …` lines (bench-fixture's output).") var shoppers: String
    @Option var watchers = 1_000
    @Option var bids = 50
    @Option(name: .customLong("interval-ms")) var intervalMillis = 100

    func run() async throws {
        let tokens = try String(contentsOfFile: shoppers, encoding: .utf8).split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        guard tokens.count >= 2 else { throw ValidationError("need two shoppers") }
        let logger = { var logger = Logger(label: "bench-live"); logger.logLevel = .error; return logger }()
        let arrivals = NIOLockedValueBox<[Int: [ContinuousClock.Instant]]>([:])
        let connected = NIOLockedValueBox(0)
        let wsURL = url.replacingOccurrences(of: "http://", with: "ws://") + "/auctions/items/\(lot)/live"
        let start = ContinuousClock.now
        let sent = NIOLockedValueBox<[Int: ContinuousClock.Instant]>([:])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<watchers {
                group.addTask {
                    try await WebSocketClient.connect(url: wsURL, logger: logger) { inbound, _, _ in
                        var first = true
                        for try await message in inbound.messages(maxSize: 1 << 16) {
                            let now = ContinuousClock.now
                            guard case .text(let text) = message,
                                  let seq = (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["seq"] as? Int else { continue }
                            if first { first = false; connected.withLockedValue { $0 += 1 }; continue }
                            arrivals.withLockedValue { $0[seq, default: []].append(now) }
                        }
                    }
                }
            }
            group.addTask {
                // Wait for every watcher to be connected and have the lot as it stands.
                while connected.withLockedValue({ $0 }) < watchers, ContinuousClock.now - start < .seconds(60) { try await Task.sleep(for: .milliseconds(50)) }
                var maximum = try await Self.price(url: url, lot: lot)
                for i in 0..<bids {
                    maximum += 1_000  // ¥10 above the last: always accepted, one new standing each
                    let (seq, answered) = try await Self.bid(url: url, lot: lot, token: tokens[i % 2], maxCents: maximum)
                    sent.withLockedValue { $0[seq] = answered }
                    try await Task.sleep(for: .milliseconds(intervalMillis))
                }
                try await Task.sleep(for: .seconds(2))
                throw CancellationError()  // ends the watchers
            }
            do { while try await group.next() != nil {} } catch is CancellationError {} catch {}
            group.cancelAll()
        }
        let sentAt = sent.withLockedValue { $0 }
        var delays: [Double] = []
        var missing = 0
        for (seq, at) in sentAt {
            let got = arrivals.withLockedValue { $0[seq] ?? [] }
            missing += max(0, watchers - got.count)
            delays += got.map { Double(($0 - at).components.attoseconds) / 1e15 + Double(($0 - at).components.seconds) * 1000 }
        }
        delays.sort()
        func pct(_ p: Double) -> Double { delays.isEmpty ? 0 : delays[min(delays.count - 1, Int(Double(delays.count) * p))] }
        print(String(format: "LIVE watchers=%d connected=%d events=%d missing=%d p50=%.1fms p99=%.1fms", watchers, connected.withLockedValue { $0 },
                     delays.count, missing, pct(0.5), pct(0.99)))
    }

    /// The lot's price in cents now.
    static func price(url: String, lot: Int) async throws -> Int64 {
        let (data, _) = try await URLSession.shared.data(from: URL(string: "\(url)/auctions/items/\(lot)/")!)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return Money.parse(object?["price"] as? String ?? "0") ?? 0
    }

    /// Places a proxy maximum; the lot's new seq (from its page) and when the bid was sent.
    static func bid(url: String, lot: Int, token: String, maxCents: Int64) async throws -> (Int, ContinuousClock.Instant) {
        var request = URLRequest(url: URL(string: "\(url)/auctions/items/\(lot)/bids/")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("JWT \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = Data(#"{"max_price": "\#(Money.format(cents: maxCents))"}"#.utf8)
        let answered = ContinuousClock.now
        _ = try await URLSession.shared.data(for: request)
        let (data, _) = try await URLSession.shared.data(from: URL(string: "\(url)/auctions/items/\(lot)/")!)
        let seq = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["seq"] as? Int ?? -1
        return (seq, answered)
    }
}
