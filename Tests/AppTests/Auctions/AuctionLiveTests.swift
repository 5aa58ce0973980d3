import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import Testing
@testable import App

/// The lot's WebSocket: a watcher gets the lot as it stands, then every accepted bid in order — also when the bid
/// goes through another server on the same PostgreSQL.
@Suite struct AuctionLiveTests {
    /// The server as `meiduo serve` runs it (WebSocket upgrade, PostgreSQL listener), on a free port.
    static func liveApp(_ services: AppServices) -> some ApplicationProtocol {
        var background: [any Service] = []
        if let postgres = services.database.postgresConfiguration { background.append(AuctionLiveListener(services: services, configuration: postgres)) }
        return Application(router: MeiduoApplication.buildRouter(services: services), server: MeiduoApplication.httpServer(services: services),
                           configuration: .init(address: .hostname("127.0.0.1", port: 0)), services: background, logger: TestDatabases.logger)
    }

    /// Watches the lot on `port` until an event with `seq` arrives (or 20 s pass); every event received, in order.
    static func watch(port: Int, item: Int, until seq: Int, whenWatching: @escaping @Sendable () async throws -> Void) async throws -> [AuctionLotEvent] {
        let received = NIOLockedValueBox<[AuctionLotEvent]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/auctions/items/\(item)/live", logger: TestDatabases.logger) { inbound, _, _ in
                    var started = false
                    for try await message in inbound.messages(maxSize: 1 << 16) {
                        guard case .text(let text) = message else { continue }
                        let event = try JSONDecoder.auctionLive.decode(AuctionLotEvent.self, from: Data(text.utf8))
                        received.withLockedValue { $0.append(event) }
                        if !started {
                            started = true
                            try await whenWatching()
                        }
                        if event.seq >= seq { break }
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(20))
                throw CancellationError()
            }
            _ = try await group.next()
            group.cancelAll()
        }
        return received.withLockedValue { $0 }
    }

    static func waitUntilListening(_ services: AppServices) async throws {
        guard services.database.kind == .postgres else { return }
        for _ in 0..<200 where !services.auctionLive.isListening { try await Task.sleep(for: .milliseconds(25)) }
        #expect(services.auctionLive.isListening)
    }

    @Test func aWatcherReceivesEveryAcceptedBidInOrder() async throws {
        try await withServices { env in
            // setup: A leaves a ¥1,500 maximum; B will bid ¥1,100 and ¥1,300 (each answered by A's proxy)
            let lot = try await env.liveLot()
            let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
            let b = try await env.bidder("bidderB", mobile: "13800000002", lot: lot)
            let house = AuctionHouse(services: env.services)
            try await house.bid(userID: a, itemID: lot.item, maximum: 1_500_00)
            try await Self.liveApp(env.services).test(.live) { client in
                try await Self.waitUntilListening(env.services)
                // act
                let events = try await Self.watch(port: client.port!, item: lot.item, until: 3) {
                    try await house.bid(userID: b, itemID: lot.item, maximum: 1_100_00)
                    try await house.bid(userID: b, itemID: lot.item, maximum: 1_300_00)
                }
                // check: the lot as it stood, then each change once, in order; A leads at ¥1,400
                #expect(events.map(\.seq) == [1, 2, 3])
                #expect(events.map(\.price) == ["1000.00", "1200.00", "1400.00"])
                #expect(events.map(\.bid_count) == [1, 3, 5])
                #expect(events.last?.leader == "b***A" && events.last?.min_bid == "1500.00")
            }
        }
    }

    @Test func aBidThroughAnotherServerReachesTheWatcher() async throws {
        try await withServices { env in
            guard env.services.database.kind == .postgres else { return }  // SQLite serves from one process
            // setup: a second server on the same database; the watcher watches the first, the bid goes through the second
            let lot = try await env.liveLot()
            let a = try await env.bidder("bidderA", mobile: "13800000001", lot: lot)
            let other = try await AppServices(config: env.services.config, database: try DatabaseManager(
                location: env.services.config.database, poolSize: 2, logger: TestDatabases.logger), logger: TestDatabases.logger)
            defer { Task { await other.shutdown() } }
            try await Self.liveApp(env.services).test(.live) { client in
                try await Self.waitUntilListening(env.services)
                // act
                let events = try await Self.watch(port: client.port!, item: lot.item, until: 1) {
                    try await AuctionHouse(services: other).bid(userID: a, itemID: lot.item, maximum: 1_000_00)
                }
                // check
                #expect(events.map(\.seq) == [0, 1])
                #expect(events.last?.price == "1000.00" && events.last?.bid_count == 1)
            }
        }
    }
}
