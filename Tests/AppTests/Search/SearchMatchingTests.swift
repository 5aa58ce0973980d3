import Foundation
import Testing
@testable import App

/// What a query finds (CJK bigrams, Latin words, single characters) and in which order.
@Suite struct SearchMatchingTests {
    @Test func findsHuaweiInTheSampleAfterTheReindexJob() async throws {
        try await withApp { client, env in
            // setup
            try await env.loadMeiduoSample()
            try await CatalogEvents(services: env.services).catalogReloaded()
            await env.runJobs()
            // act
            let response = try await client.send(.get, searchURI("华为", "page_size=20"))
            // check
            #expect(response.status == .ok)
            #expect(Set(response.resultIDs) == Set(9...16))
        }
    }

    @Test func findsIPhoneWhateverTheCase() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            // act
            let mixed = try await env.searchIDs("iPhone")
            let upper = try await env.searchIDs("ＩＰＨＯＮＥ")
            // check
            #expect(Set(mixed) == Set(3...8))
            #expect(Set(upper) == Set(mixed))
        }
    }

    @Test func twoCharacterWordMatchesNameOrCaption() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            let inCaption = try await env.addSKU("小米 充电宝", caption: "适用于各种手机")
            _ = try await env.addSKU("智能手表 机芯", caption: "可接听电话")  // 手 and 机, but never adjacent
            try await SearchIndex(services: env.services).rebuild()
            // act
            let ids = try await env.searchIDs("手机")
            // check
            #expect(Set(ids) == Set(3...16).union([inCaption]))
        }
    }

    @Test func multiWordQueryNeedsEveryWord() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            // act
            let ids = try await env.searchIDs("华为 128GB 玫瑰金")
            // check
            #expect(ids == [14])
        }
    }

    @Test func queryAcrossAWordBoundaryFallsBackToAnyTokenRankedByMatches() async throws {
        try await withServices { env in
            // setup: 华为手机 makes the bigram 为手, which no title has
            try await env.loadIndexedSample()
            // act
            let ids = try await env.searchIDs("华为手机")
            let strict = try await env.searchIDs("华为 手机")
            // check
            #expect(!ids.isEmpty)
            #expect(Set(ids).isSuperset(of: strict))
            #expect(Set(ids.prefix(strict.count)) == Set(strict))
        }
    }

    @Test func nonsenseStillFindsNothing() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            // act / check
            #expect(try await env.searchIDs("量子引力波").isEmpty)
        }
    }

    @Test func singleCharacterQueryMatches() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            // act
            let ids = try await env.searchIDs("金")
            // check
            #expect(Set(ids) == [3, 4, 9, 10, 13, 14])
        }
    }

    @Test func unlaunchedSKUIsNotFoundEvenBeforeReindexing() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            try await env.services.sql().raw("UPDATE skus SET is_launched = \(bind: false) WHERE id = 9").run()
            // act
            let ids = try await env.searchIDs("华为")
            // check
            #expect(Set(ids) == Set(10...16))
        }
    }

    @Test func nameMentionedSeveralTimesAndInCaptionRanksFirst() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            let once = try await env.addSKU("蓝牙音箱 便携", caption: "户外防水")
            let often = try await env.addSKU("蓝牙音箱 音箱 套装", caption: "重低音 音箱")
            try await SearchIndex(services: env.services).rebuild()
            // act
            let ids = try await env.searchIDs("音箱")
            // check
            #expect(ids == [often, once])
        }
    }

    @Test func nameMatchRanksAboveCaptionMatch() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            let inCaption = try await env.addSKU("便携收音机 老人", caption: "可外接耳机 音箱")
            let inName = try await env.addSKU("桌面音箱 木质", caption: "客厅 书房")
            try await SearchIndex(services: env.services).rebuild()
            // act
            let ids = try await env.searchIDs("音箱")
            // check
            #expect(ids == [inName, inCaption])
        }
    }

    @Test func priceOrderingOverridesRelevance() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            let cheap = try await env.addSKU("音箱 音箱 音箱", caption: "音箱", price: 50_00)
            let dear = try await env.addSKU("音箱", price: 900_00)
            let middle = try await env.addSKU("迷你 音箱", price: 300_00)
            try await SearchIndex(services: env.services).rebuild()
            // act
            let ids = try await env.searchIDs("音箱", ordering: .field(.priceDescending))
            // check
            #expect(ids == [dear, middle, cheap])
        }
    }
}
