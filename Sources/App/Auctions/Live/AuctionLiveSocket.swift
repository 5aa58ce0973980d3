import Foundation
import HTTPTypes
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle

/// `GET /auctions/items/<id>/live` upgraded to a WebSocket: the lot as it stands now, then every change as it
/// happens (`AuctionLotEvent`, JSON text frames) until the watcher leaves. Watchers send nothing; what they send
/// is read and ignored, so a closed socket is noticed and the watch ends.
enum AuctionLiveSocket {
    /// The lot a path names, or nil for any other path.
    static func itemID(path: String) -> Int? {
        let parts = path.split(separator: "?", maxSplits: 1)[0].split(separator: "/")
        guard parts.count == 4, parts[0] == "auctions", parts[1] == "items", parts[3] == "live",
              let id = Int(parts[2]), id > 0, id <= Int(Int32.max) else { return nil }
        return id
    }

    static func shouldUpgrade(_ request: HTTPRequest, services: AppServices) async throws
        -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard let itemID = itemID(path: request.path ?? ""), try await AuctionHouse(services: services).lot(itemID) != nil else {
            return .dontUpgrade
        }
        return .upgrade([:]) { inbound, outbound, _ in
            let live = services.auctionLive
            // Watch first, then read the lot: a change landing between the two is in the stream or in the read.
            let (id, events) = live.watch(itemID: itemID)
            defer { live.stopWatching(itemID: itemID, id: id) }
            guard let first = try await live.snapshot(itemID: itemID, services: services) else { return }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await _ in inbound {}
                }
                group.addTask {
                    try await outbound.writeTextMessage(try text(first))
                    var last = first.seq
                    for await var event in events where event.seq > last {
                        last = event.seq
                        event.server_now = services.clock.now()
                        try await outbound.writeTextMessage(try text(event))
                    }
                }
                // The process is stopping: end the watch, so the socket is closed (the page reconnects through
                // nginx to another process) rather than left to hold the shutdown open for as long as the watcher
                // stays, or for ever when the watcher's network is gone and nothing answers the close frame.
                group.addTask {
                    try await gracefulShutdown()
                }
                // Any of these ending (the watcher left, the stream closed, the shutdown) ends the watch.
                _ = try await group.next()
                group.cancelAll()
            }
        }
    }

    static func text(_ event: AuctionLotEvent) throws -> String {
        String(decoding: try JSONEncoder.auctionLive.encode(event), as: UTF8.self)
    }
}
