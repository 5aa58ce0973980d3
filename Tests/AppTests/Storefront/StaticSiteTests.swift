import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// The storefront's files: bundled pages, Debian's libraries, generated pages; validators, compression, and no
/// disk look-up for API paths.
@Suite struct StaticSiteTests {
    @Test func aBundledPageIsServedWithAValidatorAndNoCache() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/login.html")
            // check
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.eTag] != nil)
            #expect(response.headers[.cacheControl] == "no-cache")
            #expect(response.text.contains("用户登录"))
        }
    }

    @Test func aRevalidationWithTheSameETagAnswers304() async throws {
        try await withApp { client, _ in
            // setup
            let first = try await client.send(.get, "/js/shop.js")
            let etag = try #require(first.headers[.eTag])
            // act
            let again = try await client.send(.get, "/js/shop.js", headers: [.ifNoneMatch: etag])
            // check
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
        }
    }

    @Test func textIsGzippedForClientsThatAcceptIt() async throws {
        try await withApp { client, _ in
            // act
            let plain = try await client.send(.get, "/css/shop.css")
            let gzipped = try await client.send(.get, "/css/shop.css", headers: [.acceptEncoding: "gzip, deflate"])
            // check
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(gzipped.headers[.contentEncoding] == "gzip")
            #expect(gzipped.headers[.vary] == "Accept-Encoding")
            #expect(gzipped.body.readableBytes < plain.body.readableBytes / 2)
            #expect(Array(gzipped.body.readableBytesView.prefix(2)) == [0x1F, 0x8B])
        }
    }

    @Test func debiansLibrariesAreServedUnderStaticAndCachedLong() async throws {
        try await withApp { client, _ in
            // act
            let vue = try await client.send(.get, "/static/vue/vue.min.js")
            // check
            #expect(vue.status == .ok)
            #expect(vue.headers[.contentType] == "application/javascript; charset=utf-8")
            #expect(vue.headers[.cacheControl] == "public, max-age=2592000")
        }
    }

    @Test func aPathThatLeavesTheRootIsNotServed() async throws {
        try await withApp { client, _ in
            // act
            let response = try await client.send(.get, "/static/vue/..%2F..%2F..%2Fetc%2Fpasswd")
            // check
            #expect(response.status == .notFound)
        }
    }

    @Test func apiPathsNeverReachTheDisk() {
        // act / check: only "/" and names with an extension are files
        #expect(StaticSiteMiddleware.namesAFile("/"))
        #expect(StaticSiteMiddleware.namesAFile("/goods/1.html"))
        #expect(!StaticSiteMiddleware.namesAFile("/skus/1/"))
        #expect(!StaticSiteMiddleware.namesAFile("/health/"))
        #expect(!StaticSiteMiddleware.namesAFile("/cart"))
    }

    @Test func generatedPagesWinOverBundledOnes() async throws {
        // setup: a public folder holding its own login.html
        let folder = NSTemporaryDirectory() + "meiduo-public-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("<p>generated</p>".utf8).write(to: URL(fileURLWithPath: folder + "/login.html"))
        try await withServices { env in
            let app = Application(router: MeiduoApplication.buildRouter(services: env.services, publicDirectory: folder), logger: TestDatabases.logger)
            try await app.test(.router) { client in
                // act
                let response = try await client.send(.get, "/login.html")
                // check
                #expect(response.text == "<p>generated</p>")
            }
        }
    }
}

/// The back office's single page at `/admin/` (a folder that names a page, like "/").
@Suite struct AdminPageServingTests {
    @Test func theBackOfficePageIsServedAtItsFolder() async throws {
        try await withApp { client, _ in
            // act
            let page = try await client.send(.get, "/admin/")
            let bare = try await client.send(.get, "/admin")
            // check
            #expect(page.status == .ok && page.text.contains("美多运营中心"))
            #expect(bare.status == .movedPermanently && bare.headers[.location] == "/admin/")
        }
    }
}
