import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// SKU pictures uploaded from the back office: checked by their bytes, stored through the storage backend (the
/// local folder and an S3-compatible server), put in order, one the default, deleted with their file.
@Suite struct AdminCatalogPictureTests {
    func skuWithDesk(_ client: some TestClientProtocol, _ env: TestEnvironment) async throws -> (CatalogDesk, Int) {
        let desk = try await CatalogDesk.open(client, env)
        let sku = try await desk.addSKU(client, name: "M1 银色 64GB", options: ["银色", "64GB"]).object["id"] as! Int
        return (desk, sku)
    }

    @Test func theFirstUploadedPictureIsStoredAndBecomesTheDefault() async throws {
        try await withApp { client, env in
            // setup
            let (desk, skuID) = try await skuWithDesk(client, env)
            let bytes = CatalogDesk.png()
            // act
            let uploaded = try await desk.upload(client, skuID: skuID, bytes, type: "application/octet-stream")
            // check
            let image = uploaded.object
            let key = try #require(image["key"] as? String)
            #expect(uploaded.status == .created && image["is_default"] as? Bool == true)
            #expect(key.hasPrefix("goods/") && key.hasSuffix(".png"))
            #expect(try await env.services.storage.get(key: key) == bytes)
            let served = try await client.send(.get, "/media/\(key)")
            #expect(served.status == .ok && Array(served.body.readableBytesView) == bytes)
        }
    }

    @Test func somethingThatIsNotAPictureIsRefusedAndNothingStored() async throws {
        try await withApp { client, env in
            // setup
            let (desk, skuID) = try await skuWithDesk(client, env)
            let script = Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)
            // act
            let svg = try await desk.upload(client, skuID: skuID, script, type: "image/svg+xml")
            let empty = try await desk.upload(client, skuID: skuID, [])
            let huge = try await desk.upload(client, skuID: skuID, CatalogDesk.png() + [UInt8](repeating: 0, count: UploadedImage.maxBytes))
            // check
            for refused in [svg, empty, huge] { #expect(refused.status == .badRequest && refused.object["image"] != nil) }
            let folder = env.services.config.storage.localDirectory + "/goods"
            #expect(!FileManager.default.fileExists(atPath: folder))
        }
    }

    @Test func picturesArePutInOrderAndAnotherMadeTheDefault() async throws {
        try await withApp { client, env in
            // setup
            let (desk, skuID) = try await skuWithDesk(client, env)
            let one = try await desk.upload(client, skuID: skuID, CatalogDesk.png(shade: 10))
            let two = try await desk.upload(client, skuID: skuID, CatalogDesk.png(shade: 20))
            let ids = [one.object["id"] as! Int, two.object["id"] as! Int]
            // act
            let arranged = try await client.send(.put, "/admin/api/skus/\(skuID)/images/", json: ["order": Array(ids.reversed()), "default_image": ids[1]],
                                                 token: desk.token)
            let partial = try await client.send(.put, "/admin/api/skus/\(skuID)/images/", json: ["order": [ids[0]]], token: desk.token)
            // check
            let images = arranged.object["images"] as! [[String: Any]]
            #expect(images.map { $0["id"] as! Int } == ids.reversed())
            #expect(images.first?["is_default"] as? Bool == true)
            #expect(arranged.object["default_image_url"] as? String == images.first?["url"] as? String)
            #expect(partial.status == .badRequest)
        }
    }

    @Test func deletingTheDefaultPictureRemovesItsFileAndPromotesTheNext() async throws {
        try await withApp { client, env in
            // setup
            let (desk, skuID) = try await skuWithDesk(client, env)
            let one = try await desk.upload(client, skuID: skuID, CatalogDesk.png(shade: 10))
            try await desk.upload(client, skuID: skuID, CatalogDesk.png(shade: 20))
            let first = one.object
            // act
            let after = try await client.send(.delete, "/admin/api/skus/\(skuID)/images/\(first["id"] as! Int)/", token: desk.token)
            // check
            let left = after.object["images"] as! [[String: Any]]
            #expect(left.count == 1 && left[0]["is_default"] as? Bool == true)
            #expect(try await env.services.storage.get(key: first["key"] as! String) == nil)
            let audit = try await env.auditRows(.init(targetType: "skus", targetID: "\(skuID)"))
            #expect(audit.map(\.entry.summary) == ["删除 SKU 图片", "上传 SKU 图片", "上传 SKU 图片", "新建 SKU M1 银色 64GB"])
        }
    }

    @Test(.heavy) func uploadsGoToAnS3CompatibleStore() async throws {
        try await MotoS3Server.withS3App { client, env, bucket in
            // setup
            let (desk, skuID) = try await skuWithDesk(client, env)
            let bytes = CatalogDesk.png(shade: 99)
            // act
            let uploaded = try await desk.upload(client, skuID: skuID, bytes)
            let key = try #require(uploaded.object["key"] as? String)
            let stored = try await bucket.get(key: key)
            let deleted = try await client.send(.delete, "/admin/api/skus/\(skuID)/images/\(uploaded.object["id"] as! Int)/", token: desk.token)
            // check
            #expect(stored == bytes)
            #expect(deleted.status == .ok)
            #expect(try await bucket.get(key: key) == nil)
        }
    }
}
