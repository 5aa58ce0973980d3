import Foundation
import NIOConcurrencyHelpers
@testable import App

/// A clock a test moves forward by hand: timeouts and expiries happen without sleeping.
final class ManualClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {
        current = NIOLockedValueBox(start)
    }

    var now: Date { current.withLockedValue { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The shop's clock reading this one.
    var shopClock: ShopClock { ShopClock { [current] in current.withLockedValue { $0 } } }
}
