import Foundation
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// `/media/<key>`: stored files with their type read from their bytes, and the demo pictures drawn into storage.
@Suite struct MediaTests {
    @Test func aStoredFileIsServedWithItsSniffedType() async throws {
        try await withApp { client, env in
            // setup: a PNG stored under a key without an extension, as the original's FastDFS ids are
            let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 32)
            try await env.services.storage.put(png, key: "group1/M00/00/02/abc", contentType: "image/png")
            // act
            let response = try await client.send(.get, "/media/group1/M00/00/02/abc")
            // check
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/png")
            #expect(Array(response.body.readableBytesView) == png)
        }
    }

    @Test func aMissingFileIs404() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/media/nothing/here.png")
            // check
            #expect(response.status == .notFound)
        }
    }

    @Test func theDemoDrawsAPictureForEveryImageTheCatalogRefersTo() async throws {
        try await withServices { env in
            // setup
            try await env.loadMeiduoSample()
            // act
            let drawn = try await DemoImages(services: env.services).ensure()
            // check: the SKU pictures, the ads' and those inside descriptions are all in storage now, as SVG
            let keys = try await env.services.sql().raw("SELECT default_image_url AS k FROM skus").all().map { try $0.decode(column: "k", as: String.self) }
            #expect(drawn > keys.count)
            for key in keys {
                let bytes = try #require(try await env.services.storage.get(key: key), "\(key) was not drawn")
                #expect(String(decoding: bytes.prefix(4), as: UTF8.self) == "<svg")
            }
            #expect(try await DemoImages(services: env.services).ensure() == 0)
        }
    }

    @Test func aPictureAlreadyInStorageIsNotRedrawn() async throws {
        try await withServices { env in
            // setup: a real upload under one of the sample's paths
            try await env.loadMeiduoSample()
            let key = try await env.services.sql().raw("SELECT default_image_url AS k FROM skus WHERE id = 1").first()!.decode(column: "k", as: String.self)
            try await env.services.storage.put([0xFF, 0xD8, 0xFF, 0xE0], key: key, contentType: "image/jpeg")
            // act
            _ = try await DemoImages(services: env.services).ensure()
            // check
            #expect(try await env.services.storage.get(key: key) == [0xFF, 0xD8, 0xFF, 0xE0])
        }
    }

    @Test func descriptionsPointAtThisShopsPicturesNotTheDeadImageServer() async throws {
        try await withApp { client, env in
            // setup: the sample's descriptions embed http://image.meiduo.site:8888/group1/…
            try await env.loadMeiduoSample()
            // act
            let detail = try await client.send(.get, "/skus/1/")
            // check
            let goods = try #require(detail.object["goods"] as? [String: Any])
            let html = try #require(goods["desc_detail"] as? String)
            #expect(!html.contains("image.meiduo.site"))
            #expect(html.contains(env.services.config.imageBaseURL + "/group1/"))
        }
    }
}
