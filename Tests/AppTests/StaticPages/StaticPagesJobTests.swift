import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

@Suite struct StaticPagesJobTests {
    @Test func savedSKURegeneratesItsSiblingsPagesToo() async throws {
        try await withSamplePages { env, _, folder in
            // act
            try await CatalogEvents(services: env.services).skuChanged(1)
            await env.runJobs()
            // check
            #expect(StaticPagesFixture.exists(folder, "goods/1.html"))
            #expect(StaticPagesFixture.read(folder, "goods/2.html")?.contains("Apple MacBook Pro 13.3英寸笔记本 深灰色") == true)
            #expect(!StaticPagesFixture.exists(folder, "goods/3.html"))
        }
    }

    @Test func changedAdsRegenerateTheIndex() async throws {
        try await withSamplePages { env, _, folder in
            // setup
            let ad = try await Content.find(1, on: env.services.db())!
            ad.title = "新品首发 黑色星期五"
            try await ad.save(on: env.services.db())
            // act
            try await CatalogEvents(services: env.services).homeChanged()
            await env.runJobs()
            // check
            #expect(StaticPagesFixture.read(folder, "index.html")?.contains("新品首发 黑色星期五") == true)
        }
    }

    @Test func generatedPageIsServedOverHTTP() async throws {
        try await withSamplePages { env, generator, folder in
            // setup
            try await generator.generateSKUPages(ids: [1])
            let app = Application(router: MeiduoApplication.buildRouter(services: env.services, publicDirectory: folder), logger: TestDatabases.logger)
            // act / check
            try await app.test(.router) { client in
                let response = try await client.send(.get, "/goods/1.html")
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains("Apple MacBook Pro 13.3英寸笔记本 银色"))
            }
        }
    }
}

@Suite struct StaticPagesRaceTests {
    @Test func aFullRunKeepsThePageOfASKULaunchedAfterItReadItsList() async throws {
        try await withSamplePages { env, generator, folder in
            // setup: pages for SKUs 1 and 2; SKU 2 goes off sale; SKU 3 is launched now but was not in the run's list
            try await env.updateSKU(3) { $0.isLaunched = true }
            try await generator.generateSKUPages(ids: [1, 2, 3])
            try await env.updateSKU(2) { $0.isLaunched = false }
            // act
            try await generator.prunePages(launchedAtStart: [1])
            // check
            #expect(StaticPagesFixture.exists(folder, "goods/1.html") && StaticPagesFixture.exists(folder, "goods/3.html"))
            #expect(!StaticPagesFixture.exists(folder, "goods/2.html"))
        }
    }

    @Test func categoryEditsInOneWindowQueueOneFullRegeneration() async throws {
        // A clock that stands still: on the wall clock a loaded machine can see the edits straddle a window's end.
        try await withServices(clock: ManualClock().shopClock) { env in
            // act
            for _ in 0..<3 { try await CatalogEvents(services: env.services).menuChanged() }
            // check
            let count = try await env.services.sql().raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: CatalogEvents.generateAllPages)").first()!
                .decode(column: "n", as: Int.self)
            #expect(count == 1)
        }
    }
}
