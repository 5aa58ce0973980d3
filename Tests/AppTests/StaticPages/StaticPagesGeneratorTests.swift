import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

@Suite struct StaticPagesGeneratorTests {
    @Test func indexShowsTheChannelMenuAndTheCarousel() async throws {
        try await withSamplePages { _, generator, folder in
            // act
            try await generator.generateIndex()
            // check
            let html = StaticPagesFixture.read(folder, "index.html") ?? ""
            #expect(html.contains(">手机</a>") && html.contains(">相机</a>"))
            #expect(html.contains("美图M8s"))
            #expect(html.contains("href=\"/list.html?cat="))
            #expect(html.contains("/static/bootstrap5/css/bootstrap.min.css"))
        }
    }

    @Test func indexShowsTheFloorsWithTheirPanels() async throws {
        try await withSamplePages { _, generator, folder in
            // act
            try await generator.generateIndex()
            // check
            let html = StaticPagesFixture.read(folder, "index.html") ?? ""
            #expect(html.contains("id=\"floor-1\"") && html.contains("id=\"floor-3\""))
            #expect(html.contains("时尚新品") && html.contains("iPhone X"))
            #expect(!html.contains("1楼时尚新品"))
        }
    }

    @Test func detailPageHasTheSKUItsSpecsAndTheSPUDescription() async throws {
        try await withSamplePages { _, generator, folder in
            // act
            let result = try await generator.generateSKUPages(ids: [1])
            // check
            let html = StaticPagesFixture.read(folder, "goods/1.html") ?? ""
            #expect(result.written == [1])
            #expect(html.contains("Apple MacBook Pro 13.3英寸笔记本 银色"))
            #expect(html.contains("¥11388.00") && html.contains("¥13388.00"))
            #expect(html.contains("13.3英寸") && html.contains("深灰色") && html.contains("银色"))
            #expect(html.contains("href=\"/goods/2.html\">深灰色</a>"))
            #expect(html.contains("aria-current=\"true\">银色</span>"))
            #expect(html.contains("<h1 style=\"text-align:center\">MacBook Pro 您最得力的助手</h1>"))
        }
    }

    @Test func optionWithoutASKUIsDisabled() async throws {
        try await withSamplePages { _, generator, folder in
            // act
            try await generator.generateSKUPages(ids: [1])
            // check
            let html = StaticPagesFixture.read(folder, "goods/1.html") ?? ""
            #expect(html.contains("aria-disabled=\"true\">15.4英寸</span>"))
        }
    }

    @Test func htmlInASKUNameIsEscaped() async throws {
        try await withSamplePages { env, generator, folder in
            // setup
            try await env.updateSKU(1) { $0.name = "<script>alert(\"x\")</script> & 'co'" }
            // act
            try await generator.generateSKUPages(ids: [1])
            // check
            let html = StaticPagesFixture.read(folder, "goods/1.html") ?? ""
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"))
            #expect(!html.contains("<script>alert"))
        }
    }

    @Test func unlaunchedSKUsPageIsRemoved() async throws {
        try await withSamplePages { env, generator, folder in
            // setup
            try await generator.generateSKUPages(ids: [1, 2])
            try await env.updateSKU(2) { $0.isLaunched = false }
            // act
            let result = try await generator.generateSKUPages(ids: [1, 2])
            // check
            #expect(result.written == [1] && result.removed == [2])
            #expect(!StaticPagesFixture.exists(folder, "goods/2.html"))
            #expect(StaticPagesFixture.exists(folder, "goods/1.html"))
        }
    }

    @Test func pageOfAnUnknownSKUIsRemoved() async throws {
        try await withSamplePages { _, generator, folder in
            // setup
            try FileManager.default.createDirectory(atPath: folder + "/goods", withIntermediateDirectories: true)
            try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/goods/9999.html"))
            // act
            let result = try await generator.generateSKUPages(ids: [9999])
            // check
            #expect(result.removed == [9999])
            #expect(!StaticPagesFixture.exists(folder, "goods/9999.html"))
        }
    }

    @Test func generateAllWritesEveryLaunchedSKUAndSweepsStalePages() async throws {
        try await withSamplePages { env, generator, folder in
            // setup
            let launched = try await SKU.query(on: env.services.db()).filter(\.$isLaunched == true).count()
            try FileManager.default.createDirectory(atPath: folder + "/goods", withIntermediateDirectories: true)
            try Data("stale".utf8).write(to: URL(fileURLWithPath: folder + "/goods/9999.html"))
            // act
            let result = try await generator.generateAll()
            // check
            let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/goods")
            #expect(result.index && result.skus == launched)
            #expect(StaticPagesFixture.exists(folder, "index.html"))
            #expect(files.count == launched && !files.contains("9999.html"))
        }
    }
}
