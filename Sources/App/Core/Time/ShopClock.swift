import Foundation

/// Where the shop reads the time: the system's in production, one a test moves forward (order timeouts, expiring
/// codes, later auction clocks and coupon windows) so nothing needs to sleep. Services take it from `AppServices`.
public struct ShopClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The system's clock.
    public static let system = ShopClock { Date() }

    public func now() -> Date { read() }

    /// Now as epoch milliseconds: how the core tables (jobs, key-value entries) keep instants, so SQL compares
    /// them the same way on SQLite and PostgreSQL.
    public func nowMillis() -> Int64 { Self.millis(now()) }

    public static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
