import Testing
@testable import MeiduoRules

/// `?ordering=` read as DRF's OrderingFilter writes it, unknown names refused instead of dropped.
@Suite struct ListOrderingTests {
    static let fallback = ListOrdering([.init("id", descending: true)])
    static let allowed = ["id", "username", "last_login"]

    @Test func namesAndDirectionsAreReadInOrder() {
        // act
        let parsed = ListOrdering.parse("-last_login, username", allowed: Self.allowed, fallback: Self.fallback)
        // check
        #expect(parsed == .success(ListOrdering([.init("last_login", descending: true), .init("username")])))
    }

    @Test func nothingAskedGivesTheListsOwnOrder() {
        // act
        let outcomes = [nil, "", " ", ","].map { ListOrdering.parse($0, allowed: Self.allowed, fallback: Self.fallback) }
        // check
        #expect(outcomes.allSatisfy { $0 == .success(Self.fallback) })
    }

    @Test func anUnknownOrRepeatedNameIsRefused() {
        // act
        let unknown = ListOrdering.parse("username,-password", allowed: Self.allowed, fallback: Self.fallback)
        let repeated = ListOrdering.parse("id,-id", allowed: Self.allowed, fallback: Self.fallback)
        // check
        #expect(unknown == .failure(.unknown("password", allowed: Self.allowed)))
        #expect(repeated == .failure(.repeated("id")))
    }
}
