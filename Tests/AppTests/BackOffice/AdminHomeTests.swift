import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// The home page in the back office: ads saved and pictured regenerate the home page; links must stay in the shop
/// or be http(s); channels name a top-level category once.
@Suite struct AdminHomeTests {
    func goodsOp(_ env: TestEnvironment) async throws -> String {
        try await env.loadMeiduoSample()
        return try await env.staffMember("goodsop05", mobile: "13899990051", role: "商品运营").1
    }

    @Test func aSavedAdIsOnTheRegeneratedHomePageWithItsPicture() async throws {
        let folder = StaticPagesFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withApp({ $0.publicDirectory = folder }) { client, env in
            // setup
            let token = try await goodsOp(env)
            let slot = try await client.send(.get, "/admin/api/content-categories/", token: token).array.first { $0["key"] as? String == "index_lbt" }
            // act
            let ad = try await client.send(.post, "/admin/api/contents/", json: [
                "category_id": slot!["id"] as! Int, "title": "冬季焕新 全场满减", "url": "/list.html?cat=115", "sequence": 0,
            ], token: token)
            let id = ad.object["id"] as! Int
            let pictured = try await client.execute(uri: "/admin/api/contents/\(id)/image/", method: .post,
                                                    headers: [.authorization: "JWT \(token)", .contentType: "image/png"], body: ByteBuffer(bytes: CatalogDesk.png()))
            await env.runJobs()
            // check
            let image = pictured.object["image"] as? String ?? ""
            #expect(ad.status == .created && image.contains("/media/ads/") && image.hasSuffix(".png"))
            let home = StaticPagesFixture.read(folder, "index.html") ?? ""
            #expect(home.contains("冬季焕新 全场满减") && home.contains(String(image.split(separator: "/media/").last ?? "")))
        }
    }

    @Test func linksThatWouldRunScriptOrLeaveUnseenAreRefused() async throws {
        try await withApp { client, env in
            // setup
            let token = try await goodsOp(env)
            // act
            var statuses: [HTTPResponse.Status] = []
            for url in ["javascript:alert(1)", "//evil.example/x", "data:text/html,x", "https://"] {
                statuses.append(try await client.send(.post, "/admin/api/contents/", json: ["category_id": 1, "title": "x", "url": url], token: token).status)
            }
            let fine = try await client.send(.post, "/admin/api/contents/", json: ["category_id": 1, "title": "x", "url": "https://www.meiduo.site/"], token: token)
            // check
            #expect(statuses == [.badRequest, .badRequest, .badRequest, .badRequest])
            #expect(fine.status == .created)
        }
    }

    @Test func aChannelIsATopLevelCategoryOnce() async throws {
        try await withApp { client, env in
            // setup
            let token = try await goodsOp(env)
            let channels = try await client.send(.get, "/admin/api/channels/", token: token).array
            let taken = channels.first!["category_id"] as! Int
            let child = try await env.services.sql().raw("SELECT id FROM goods_categories WHERE parent_id IS NOT NULL LIMIT 1").first()!
                .decode(column: "id", as: Int.self)
            // act
            let twice = try await client.send(.post, "/admin/api/channels/", json: ["group_id": 1, "category_id": taken, "url": "/list.html?cat=1"], token: token)
            let second = try await client.send(.post, "/admin/api/channels/", json: ["group_id": 1, "category_id": child, "url": "/list.html?cat=1"], token: token)
            let removed = try await client.send(.delete, "/admin/api/channels/\(channels.first!["id"] as! Int)/", token: token)
            // check
            #expect(twice.status == .badRequest && second.status == .badRequest)
            #expect(removed.status == .noContent)
            #expect(try await client.send(.get, "/admin/api/channels/", token: token).array.count == channels.count - 1)
        }
    }
}
