import Foundation
import NIOConcurrencyHelpers

/// A small in-process cache whose entries expire; for hot read paths the seed caches (hot SKUs, channel menu).
public final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let value: Value
        let expires: ContinuousClock.Instant
    }

    private let entries = NIOLockedValueBox<[Key: Entry]>([:])
    private let lifetime: Duration
    private let capacity: Int

    public init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached value, or `load`'s result stored for `lifetime`.
    public func value(for key: Key, load: () async throws -> Value) async rethrows -> Value {
        let now = ContinuousClock.now
        if let entry = entries.withLockedValue({ $0[key] }), entry.expires > now { return entry.value }
        let value = try await load()
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, expires: now + lifetime)
        }
        return value
    }

    public func remove(_ key: Key) {
        _ = entries.withLockedValue { $0.removeValue(forKey: key) }
    }

    public func removeAll() {
        entries.withLockedValue { $0.removeAll() }
    }
}
