import Foundation
import MeiduoRules
import NIOConcurrencyHelpers
import SQLKit

/// Fans lot events out to the WebSockets watching each lot. On SQLite (one process) an event is delivered here
/// directly; on PostgreSQL it goes out as `NOTIFY auction_lot` and comes back through every process's listener
/// (`AuctionLiveListener`), this one included, so watchers on any `meiduo serve` see every change. Per lot the
/// newest `seq` delivered is kept and anything not newer is dropped: two commits' notices can cross on the way, and
/// the older must not overwrite the newer on a watcher's screen.
public final class AuctionLive: Sendable {
    public static let channel = "auction_lot"

    private struct State {
        var watchers: [Int: [UUID: AsyncStream<AuctionLotEvent>.Continuation]] = [:]
        var lastSeq: [Int: Int] = [:]
        var listening = false
    }

    private let state = NIOLockedValueBox(State())
    /// Leaders' masked names by user id: a bid's event names its leader without a query per bid.
    let names = ExpiringCache<Int, String>(lifetime: .seconds(300))

    public init() {}

    /// Starts watching a lot: events from now on, the newest kept when a slow watcher falls 64 behind (it will see
    /// the gap in `seq` and re-read).
    public func watch(itemID: Int) -> (id: UUID, events: AsyncStream<AuctionLotEvent>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: AuctionLotEvent.self, bufferingPolicy: .bufferingNewest(64))
        state.withLockedValue { $0.watchers[itemID, default: [:]][id] = continuation }
        return (id, stream)
    }

    public func stopWatching(itemID: Int, id: UUID) {
        let continuation = state.withLockedValue { state -> AsyncStream<AuctionLotEvent>.Continuation? in
            let removed = state.watchers[itemID]?.removeValue(forKey: id)
            if state.watchers[itemID]?.isEmpty == true { state.watchers[itemID] = nil }
            return removed
        }
        continuation?.finish()
    }

    /// PostgreSQL: whether this process's listener is receiving notices now (readiness, tests).
    public var isListening: Bool {
        get { state.withLockedValue { $0.listening } }
    }

    func setListening(_ value: Bool) { state.withLockedValue { $0.listening = value } }

    public var watcherCount: Int { state.withLockedValue { $0.watchers.values.reduce(0) { $0 + $1.count } } }

    /// Hands an event to this process's watchers of its lot, unless one as new or newer went before it.
    public func deliver(_ event: AuctionLotEvent) {
        let continuations = state.withLockedValue { state -> [AsyncStream<AuctionLotEvent>.Continuation] in
            if let last = state.lastSeq[event.item], last >= event.seq { return [] }
            state.lastSeq[event.item] = event.seq
            return Array(state.watchers[event.item, default: [:]].values)
        }
        for continuation in continuations { continuation.yield(event) }
    }

    /// Sends an event to every process's watchers (see the type's comment). Never fails the change it reports: the
    /// change is committed; a watcher that misses it sees the next `seq` jump and re-reads.
    func publish(_ event: AuctionLotEvent, services: AppServices) async {
        guard services.database.kind == .postgres else { return deliver(event) }
        do {
            let json = String(decoding: try JSONEncoder.auctionLive.encode(event), as: UTF8.self)
            try await services.sql().raw("SELECT pg_notify(\(bind: Self.channel), \(bind: json))").run()
        } catch {
            services.logger.warning("auction event not sent", metadata: ["item_id": "\(event.item)", "error": "\(error)"])
        }
    }

    /// Tells every watcher of the lot how it stands now (after settlement or a forfeit, which change more than a bid).
    func announce(itemID: Int, services: AppServices) async throws {
        if let event = try await snapshot(itemID: itemID, services: services) { await publish(event, services: services) }
    }

    /// The event for a lot as it stands in the database (after settlement, a forfeit, or for a new watcher).
    func snapshot(itemID: Int, services: AppServices) async throws -> AuctionLotEvent? {
        guard let lot = try await AuctionHouse(services: services).lot(itemID) else { return nil }
        return try await event(for: lot, services: services)
    }

    func event(for lot: AuctionHouse.Lot, services: AppServices) async throws -> AuctionLotEvent {
        let now = services.clock.now()
        let status = AuctionSchedule.lotStatus(stored: lot.status, session: lot.times, lotEnd: lot.end, at: now)
        var leader: String?
        if let id = lot.standing?.leader { leader = try await maskedName(id, services: services) }
        return AuctionLotEvent(item: lot.id, seq: lot.version, price: Money.format(cents: lot.standing?.price ?? lot.start), leader: leader,
                               bid_count: lot.bidCount, ends_at: lot.end, server_now: now, status: status.rawValue, status_text: status.title,
                               min_bid: Money.format(cents: Bidding.minimumBid(standing: lot.standing, start: lot.start, increment: lot.unit)))
    }

    func maskedName(_ userID: Int, services: AppServices) async throws -> String {
        try await names.value(for: userID) {
            let row = try await services.readSQL().raw("SELECT username FROM users WHERE id = \(bind: userID)").first()
            return AuctionViews.mask(try row?.decode(column: "username", as: String.self) ?? "")
        }
    }
}

extension JSONEncoder {
    /// Dates as ISO 8601, as the API answers them.
    static let auctionLive: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

extension JSONDecoder {
    static let auctionLive: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
