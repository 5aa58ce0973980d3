import FluentKit
import Testing
@testable import App

@Suite struct DumpLoaderTests {
    @Test func loadsEveryTableOfTheSample() async throws {
        try await withServices { env in
            // act
            let counts = try await MeiduoDumpLoader(services: env.services).load(paths: [MeiduoSample.goodsDump])
            // check
            #expect(counts["goods_categories"] == 544)
            #expect(counts["goods_channels"] == 37)
            #expect(counts["brands"] == 2)
            #expect(counts["goods"] == 3)
            #expect(counts["skus"] == 16)
            #expect(counts["sku_images"] == 40)
            #expect(counts["goods_specifications"] == 7)
            #expect(counts["specification_options"] == 18)
            #expect(counts["sku_specifications"] == 34)
            #expect(counts["content_categories"] == 19)
            #expect(counts["contents"] == 122)
        }
    }

    @Test func loadingTwiceAddsNothing() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let counts = try await MeiduoDumpLoader(services: env.services).load(paths: [MeiduoSample.goodsDump])
            // check
            #expect(counts.values.allSatisfy { $0 == 0 })
        }
    }

    @Test func pricesBecomeCentsAndImagesKeepTheirPath() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let sku = try #require(try await SKU.find(1, on: env.services.db()))
            // check
            #expect(sku.price == 11_388_00)
            #expect(sku.defaultImageURL.hasPrefix("group1/"))
        }
    }

    @Test func newRowsAfterALoadGetFreshIds() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let brand = Brand()
            brand.name = "新品牌"; brand.logo = ""; brand.firstLetter = "X"
            try await brand.create(on: env.services.db())
            // check
            #expect(brand.id == 3)
        }
    }
}

@Suite struct DemoCatalogTests {
    @Test func demoLoadsOnceOnAnEmptyShop() async throws {
        try await withServices { env in
            // act
            let first = try await MeiduoDumpLoader(services: env.services).loadDemoIfEmpty(generated: 30)
            let second = try await MeiduoDumpLoader(services: env.services).loadDemoIfEmpty(generated: 30)
            let count = try await SKU.query(on: env.services.db()).count()
            // check
            #expect(first)
            #expect(!second)
            #expect(count == 16 + 30)
        }
    }

    @Test func generatedNamesMixChineseAndEnglishWithSpecs() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let made = try await DemoCatalogGenerator(services: env.services, seed: 7).generate(skuCount: 25)
            let names = try await SKU.query(on: env.services.db()).filter(\.$id > 16).all().map(\.name)
            let specRows = try await SKUSpecification.query(on: env.services.db()).filter(\.$skuID > 16).count()
            // check
            #expect(made == 25)
            #expect(names.contains { $0.contains("华为") })
            #expect(names.contains { $0.contains("iPhone") })
            #expect(specRows == 50)
        }
    }
}
