import Foundation
import SQLKit
import Testing
@testable import App

/// Keeping the index in step with the catalog, and that searches go through it.
@Suite struct SearchIndexTests {
    @Test func rebuildIndexesEveryLaunchedSKU() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            try await env.addSKU("下架商品", launched: false)
            // act
            let count = try await SearchIndex(services: env.services).rebuild()
            // check
            #expect(count == 16)
            #expect(try await SearchIndex(services: env.services).count() == 16)
        }
    }

    @Test func renamedSKUIsFoundByItsNewNameAfterTheIndexJob() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            try await env.services.sql().raw("UPDATE skus SET name = \(bind: "荣耀 MagicBook 14 笔记本") WHERE id = 1").run()
            let before = try await env.searchIDs("荣耀")
            // act
            try await env.runIndexJob([1])
            // check
            #expect(before.isEmpty)
            #expect(try await env.searchIDs("荣耀") == [1])
            #expect(try await !env.searchIDs("13.3英寸 银色").contains(1))
        }
    }

    @Test func tokensNoDocumentHasAreDroppedBeforeFallingBack() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            let index = SearchIndex(services: env.services)
            // act
            let pruned = try #require(try await index.withoutUnknownTokens("华为手机"))
            // check
            #expect(try await index.exists("华为"))
            #expect(try await !index.exists("为手"))
            #expect(!pruned.value.contains("为手"))
            #expect(pruned.value.contains("华为"))
        }
    }

    @Test func aWordFirstIndexedByTheJobIsKnownAfterwards() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            let index = SearchIndex(services: env.services)
            try await env.services.sql().raw("UPDATE skus SET name = \(bind: "荣耀 MagicBook 14 笔记本") WHERE id = 1").run()
            let before = try await index.exists("荣耀")
            // act
            try await env.runIndexJob([1])
            // check
            #expect(!before)
            #expect(try await index.exists("荣耀"))
        }
    }

    @Test func indexJobDropsUnlaunchedAndDeletedSKUs() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            let extra = try await env.addSKU("测试 音箱")
            try await env.runIndexJob([extra])
            try await env.services.sql().raw("UPDATE skus SET is_launched = \(bind: false) WHERE id = 9").run()
            try await env.services.sql().raw("DELETE FROM skus WHERE id = \(bind: extra)").run()
            // act
            try await env.runIndexJob([9, extra])
            // check
            #expect(try await SearchIndex(services: env.services).count() == 15)
            #expect(try await env.searchIDs("音箱").isEmpty)
        }
    }

    @Test func indexJobAddsANewlyLaunchedSKU() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            let id = try await env.addSKU("新品 音箱", launched: false)
            try await env.runIndexJob([id])
            try await env.services.sql().raw("UPDATE skus SET is_launched = \(bind: true) WHERE id = \(bind: id)").run()
            // act
            try await env.runIndexJob([id])
            // check
            #expect(try await env.searchIDs("音箱") == [id])
        }
    }

    @Test func searchIsServedByTheFullTextIndex() async throws {
        try await withServices { env in
            // setup
            try await env.loadIndexedSample()
            let index = SearchIndex(services: env.services)
            let query = try #require(index.query("华为 手机"))
            let page = index.pageQuery(query, ordering: .relevance, limit: 5, offset: 0)
            // act
            let plan: String
            if env.services.database.kind == .sqlite {
                let rows = try await env.services.sql().raw("EXPLAIN QUERY PLAN " + page).all()
                plan = try rows.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
            } else {
                // A tiny table is cheaper to scan; forbid that to see that the index can serve the query.
                plan = try await env.services.db().transaction { tx in
                    let sql = tx as! any SQLDatabase
                    try await sql.raw("SET LOCAL enable_seqscan = off").run()
                    let rows = try await sql.raw("EXPLAIN " + page).all()
                    return try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
                }
            }
            // check
            if env.services.database.kind == .sqlite {
                #expect(plan.contains("VIRTUAL TABLE INDEX"), "\(plan)")
                #expect(!plan.contains("SCAN k"), "\(plan)")
            } else {
                #expect(plan.contains("sku_search_document_idx"), "\(plan)")
            }
        }
    }

    @Test func broadQueryRanksOnlyItsNewestMatches() async throws {
        try await withServices { env in
            // setup: every generated caption says 【新品】
            try await env.loadMeiduoSample()
            _ = try await DemoCatalogGenerator(services: env.services, seed: 5).generate(skuCount: SearchIndex.maxRanked + 50)
            try await SearchIndex(services: env.services).rebuild()
            let newest = try await env.services.sql().raw("SELECT MAX(id) AS n FROM skus").first()!.decode(column: "n", as: Int.self)
            // act
            let (count, hits) = try await SearchIndex(services: env.services).search(text: "新品", ordering: .relevance, page: PageRequest(page: 1, size: 20))
            // check
            #expect(count == SearchIndex.maxRanked)
            #expect(hits.count == 20)
            #expect(hits.allSatisfy { $0.sku.id > newest - SearchIndex.maxRanked })
        }
    }
}
