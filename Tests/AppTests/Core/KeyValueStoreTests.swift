import Testing
@testable import App

@Suite struct KeyValueStoreTests {
    @Test func takeReturnsTheValueOnlyOnce() async throws {
        try await withServices { env in
            // setup
            let store = env.services.keyValues()
            try await store.set("k", "v", ttl: 60)
            // act
            let first = try await store.take("k")
            let second = try await store.take("k")
            // check
            #expect(first == "v")
            #expect(second == nil)
        }
    }

    @Test func expiredValuesAreInvisible() async throws {
        try await withServices { env in
            // setup
            let store = env.services.keyValues()
            try await store.set("old", "v", ttl: -1)
            // act / check
            #expect(try await store.get("old") == nil)
            #expect(try await store.take("old") == nil)
        }
    }

    @Test func addRefusesWhileTheKeyIsLive() async throws {
        try await withServices { env in
            // setup
            let store = env.services.keyValues()
            // act
            let first = try await store.add("flag", "1", ttl: 60)
            let second = try await store.add("flag", "1", ttl: 60)
            // check
            #expect(first)
            #expect(!second)
        }
    }

    @Test func addSucceedsAgainOnceExpired() async throws {
        try await withServices { env in
            // setup
            let store = env.services.keyValues()
            try await store.set("flag", "1", ttl: -1)
            // act / check
            #expect(try await store.add("flag", "1", ttl: 60))
        }
    }

    @Test func incrementCountsWithinTheWindow() async throws {
        try await withServices { env in
            // setup
            let store = env.services.keyValues()
            // act
            var counts: [Int] = []
            for _ in 0..<3 { counts.append(try await store.increment("n", ttl: 60)) }
            // check
            #expect(counts == [1, 2, 3])
        }
    }

    @Test func purgeRemovesOnlyExpiredEntries() async throws {
        try await withServices { env in
            // setup
            let store = env.services.keyValues()
            try await store.set("live", "1", ttl: 60)
            try await store.set("dead", "1", ttl: -1)
            // act
            let purged = try await store.purgeExpired()
            // check
            #expect(purged == 1)
            #expect(try await store.get("live") == "1")
        }
    }
}
