import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Moves a session's stored status (seed 001: 1 未开拍 → 2 预展中 → 3 拍卖中 → 4 已结束) and its unsettled lots' at the
/// session's times — a job queued for each when the session is created. Reads never wait for it
/// (`AuctionSchedule.current` corrects a stale status by the clock); the stored one only ever moves forward, so a late
/// or repeated run changes nothing it shouldn't.
public struct AuctionSessionStatus: Sendable {
    public static let job = "auctions.session_status"

    public struct SessionPayload: Codable, Sendable {
        public let auction_id: Int
    }

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    static func scheduleStatement(auctionID: Int, at moment: Date, now: Date) throws -> SQLQueryString {
        try JobQueue.insertStatement(job, payload: SessionPayload(auction_id: auctionID), runAt: moment,
                                     uniqueKey: "session:\(auctionID):\(Int64(moment.timeIntervalSince1970))", now: now)
    }

    /// Stores the status the clock gives; answers it (nil: no such session).
    @discardableResult
    public func run(auctionID: Int) async throws -> AuctionSchedule.SessionStatus? {
        let sql = services.sql()
        guard let row = try await sql.raw("""
            SELECT preview_start_time, auction_start_time, auction_end_time FROM auctions WHERE id = \(bind: auctionID)
            """).first() else { return nil }
        let times = AuctionSchedule.Times(previewStart: try row.decode(column: "preview_start_time", as: Date.self),
                                          auctionStart: try row.decode(column: "auction_start_time", as: Date.self),
                                          auctionEnd: try row.decode(column: "auction_end_time", as: Date.self))
        let now = services.clock.now()
        let status = AuctionSchedule.status(times, at: now)
        try await sql.raw("""
            UPDATE auctions SET status = \(bind: status.rawValue), update_time = \(bind: now) WHERE id = \(bind: auctionID) AND status < \(bind: status.rawValue)
            """).run()
        // A lot's own status follows up to 拍卖中; settlement alone decides what comes after.
        let lotStatus = min(status.rawValue, AuctionSchedule.LotStatus.live.rawValue)
        try await sql.raw("""
            UPDATE auction_items SET status = \(bind: lotStatus), update_time = \(bind: now)
            WHERE auction_id = \(bind: auctionID) AND status < \(bind: lotStatus)
            """).run()
        return status
    }
}
