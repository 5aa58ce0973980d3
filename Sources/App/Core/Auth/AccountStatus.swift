import Foundation
import MeiduoRules

/// What a valid login token's account is now: a token outlives changes to its account, so each request checks.
public struct AccountStatus: Sendable, Equatable {
    public var isActive: Bool
    public var isStaff: Bool
    /// The back office's permissions from the account's roles (read for staff only).
    public var grants: StaffGrants

    public init(isActive: Bool, isStaff: Bool, grants: StaffGrants = .none) {
        self.isActive = isActive
        self.isStaff = isStaff
        self.grants = grants
    }
}

/// The account status of token holders, read once per user per `lifetime` (a few seconds) so the check costs
/// no query on a hot path. A change made in this process is seen at once (`forget`); one made by another
/// process within `lifetime`. A deleted account is remembered as nil.
public struct AccountStatusCache: Sendable {
    public typealias Lookup = @Sendable (Int) async throws -> AccountStatus?

    private let cache: ExpiringCache<Int, AccountStatus?>
    private let lookup: Lookup

    public init(lifetime: Duration, lookup: @escaping Lookup) {
        self.cache = ExpiringCache(lifetime: lifetime)
        self.lookup = lookup
    }

    public func status(of userID: Int) async throws -> AccountStatus? {
        try await cache.value(for: userID) { try await lookup(userID) }
    }

    /// Call after changing an account's active flag or role, or deleting it.
    public func forget(_ userID: Int) {
        cache.remove(userID)
    }
}
