import FluentPostgresDriver
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// PostgreSQL: one connection per process that `LISTEN`s to `auction_lot` and hands every notice to this
/// process's watchers, so a bid placed through any `meiduo serve` reaches watchers on all of them. Reconnects
/// after a lost connection (watchers re-read on the `seq` gap that leaves).
struct AuctionLiveListener: Service {
    let services: AppServices
    let configuration: SQLPostgresConfiguration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var delay = 1
            while !Task.isCancelled {
                do {
                    try await listen()
                    delay = 1
                } catch {
                    guard !Task.isCancelled else { return }
                    services.logger.warning("auction live listener lost its connection; retrying", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .seconds(delay))
                    delay = min(delay * 2, 30)
                }
            }
        }
    }

    func listen() async throws {
        let connection = try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(),
                                                              configuration: configuration.coreConfiguration, id: 0,
                                                              logger: services.logger).get()
        defer { Task { try? await connection.close() } }
        try await connection.listen(on: AuctionLive.channel) { notifications in
            services.auctionLive.setListening(true)
            defer { services.auctionLive.setListening(false) }
            for try await notification in notifications {
                guard let event = try? JSONDecoder.auctionLive.decode(AuctionLotEvent.self, from: Data(notification.payload.utf8)) else { continue }
                services.auctionLive.deliver(event)
            }
        }
    }
}
