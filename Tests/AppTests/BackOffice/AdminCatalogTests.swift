import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import Testing
@testable import App

/// The catalog in the back office: the category tree, SPUs with specifications, SKUs with their options, stock
/// counted again, and what a saved SKU sets off (index, pages) — with the permission doors and the audit rows.
@Suite struct AdminCatalogTests {
    @Test func categoriesNestThreeLevelsAndNoDeeper() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            // act
            let fourth = try await client.send(.post, "/admin/api/categories/", json: ["name": "旗舰", "parent_id": desk.category3], token: desk.token)
            let twin = try await client.send(.post, "/admin/api/categories/", json: ["name": "手机"], token: desk.token)
            let tree = try await client.send(.get, "/admin/api/categories/", token: desk.token)
            // check
            #expect(fourth.status == .badRequest && fourth.object["parent_id"] != nil)
            #expect(twin.status == .badRequest && twin.object["name"] != nil)
            let third = tree.array.first { $0["id"] as? Int == desk.category3 }
            #expect(third?["level"] as? Int == 3 && third?["goods"] as? Int == 1)
        }
    }

    @Test func aCategoryWithGoodsIsNotDeleted() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            let spare = try await client.send(.post, "/admin/api/categories/", json: ["name": "备用"], token: desk.token).object["id"] as! Int
            // act
            let refused = try await client.send(.delete, "/admin/api/categories/\(desk.category3)/", token: desk.token)
            let removed = try await client.send(.delete, "/admin/api/categories/\(spare)/", token: desk.token)
            // check
            #expect(refused.status == .badRequest)
            #expect(removed.status == .noContent)
            #expect(try await client.send(.get, "/admin/api/categories/", token: desk.token).array.count == 3)
        }
    }

    @Test func onlyCatalogStaffMayWriteAndOthersMayNotEvenRead() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            let (_, agent) = try await env.staffMember("agent0002", mobile: "13899990002", role: "订单客服")
            let (_, shopper) = try await env.loggedInUser("shopper09", mobile: "13800138009")
            // act
            let agentRead = try await client.send(.get, "/admin/api/goods/", token: agent)
            let agentWrite = try await client.send(.put, "/admin/api/goods/\(desk.goods)/", json: ["name": "改名"], token: agent)
            let shopperRead = try await client.send(.get, "/admin/api/goods/\(desk.goods)/", token: shopper)
            let anonymous = try await client.send(.post, "/admin/api/categories/", json: ["name": "x"])
            // check
            #expect(agentRead.status == .forbidden && agentWrite.status == .forbidden && shopperRead.status == .forbidden)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func aSKUChoosesOneOptionOfEverySpecificationAndNoTwoSKUsTheSame() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            // act
            let first = try await desk.addSKU(client, name: "美多手机 M1 银色 64GB", options: ["银色", "64GB"])
            let same = try await desk.addSKU(client, name: "又一个", options: ["64GB", "银色"])
            let half = try await desk.addSKU(client, name: "缺规格", options: ["金色"])
            let double = try await desk.addSKU(client, name: "两个颜色", options: ["银色", "金色"])
            let second = try await desk.addSKU(client, name: "美多手机 M1 金色 128GB", options: ["128GB", "金色"])
            // check
            #expect(first.status == .created && second.status == .created)
            #expect(second.object["options"] as? [Int] == [desk.options["金色"]!, desk.options["128GB"]!])
            for refused in [same, half, double] { #expect(refused.status == .badRequest && refused.object["options"] != nil) }
            let detail = try await client.send(.get, "/admin/api/goods/\(desk.goods)/", token: desk.token)
            #expect((detail.object["skus"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test func aSpecificationIsNotAddedOnceTheGoodsHasSKUsButAnOptionIs() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            try await desk.addSKU(client, name: "M1 银色 64GB", options: ["银色", "64GB"])
            let colour = desk.options["银色"]!
            let specID = try await env.services.sql().raw("SELECT spec_id FROM specification_options WHERE id = \(bind: colour)").first()!
                .decode(column: "spec_id", as: Int.self)
            // act
            let spec = try await client.send(.post, "/admin/api/goods/\(desk.goods)/specs/", json: ["name": "版本", "options": ["标准版"]], token: desk.token)
            let option = try await client.send(.post, "/admin/api/specs/\(specID)/options/", json: ["value": "午夜黑"], token: desk.token)
            let again = try await client.send(.post, "/admin/api/specs/\(specID)/options/", json: ["value": "午夜黑"], token: desk.token)
            // check
            #expect(spec.status == .badRequest)
            #expect(option.status == .created && (option.object["options"] as? [[String: Any]])?.count == 3)
            #expect(again.status == .badRequest && again.object["value"] != nil)
        }
    }

    @Test func aLaunchedSKUIsIndexedAndGetsItsPageAndLeavesBothWhenTakenOffSale() async throws {
        let folder = StaticPagesFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withApp({ $0.publicDirectory = folder }) { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            let created = try await desk.addSKU(client, name: "美多手机 M1 银色 64GB", options: ["银色", "64GB"])
            let skuID = created.object["id"] as! Int
            let search = "/skus/search/?text=" + "美多手机".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            await env.runJobs()
            let found = try await client.send(.get, search)
            let page = StaticPagesFixture.read(folder, "goods/\(skuID).html")
            // act
            var body = created.object
            body["is_launched"] = false
            body["stock_was"] = 10
            let off = try await client.send(.put, "/admin/api/skus/\(skuID)/", json: body, token: desk.token)
            await env.runJobs()
            let gone = try await client.send(.get, search)
            // check
            #expect(found.object["count"] as? Int == 1)
            #expect(page?.contains("美多手机 M1 银色 64GB") == true && page?.contains("智能手机") == true)
            #expect(off.status == .ok && off.object["is_launched"] as? Bool == false)
            #expect(gone.object["count"] as? Int == 0)
            #expect(!StaticPagesFixture.exists(folder, "goods/\(skuID).html"))
        }
    }

    @Test func eachSKUOfTheGoodsGetsADetailPageLinkingTheOther() async throws {
        let folder = StaticPagesFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withApp({ $0.publicDirectory = folder }) { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            let silver = try await desk.addSKU(client, name: "M1 银色 64GB", options: ["银色", "64GB"]).object["id"] as! Int
            // act
            let gold = try await desk.addSKU(client, name: "M1 金色 64GB", options: ["金色", "64GB"]).object["id"] as! Int
            await env.runJobs()
            // check
            #expect(StaticPagesFixture.read(folder, "goods/\(silver).html")?.contains("/goods/\(gold).html") == true)
            #expect(StaticPagesFixture.read(folder, "goods/\(gold).html")?.contains("/goods/\(silver).html") == true)
        }
    }

    @Test func stockCountedAgainIsRefusedWhenAnOrderTookSomeMeanwhile() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            var body = try await desk.addSKU(client, name: "M1 银色 64GB", options: ["银色", "64GB"]).object
            let skuID = body["id"] as! Int
            try await env.services.sql().raw("UPDATE skus SET stock = 7 WHERE id = \(bind: skuID)").run()  // an order took 3
            body["stock"] = 50
            body["stock_was"] = 10
            // act
            let stale = try await client.send(.put, "/admin/api/skus/\(skuID)/", json: body, token: desk.token)
            body["stock_was"] = 7
            let fresh = try await client.send(.put, "/admin/api/skus/\(skuID)/", json: body, token: desk.token)
            // check
            #expect(stale.status == .badRequest && "\(stale.object["stock"] ?? "")".contains("7"))
            #expect(fresh.object["stock"] as? Int == 50)
        }
    }

    @Test func aDescriptionLosesWhatWouldRunOnTheDetailPage() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            // act
            let saved = try await client.send(.put, "/admin/api/goods/\(desk.goods)/", json: [
                "name": "美多手机 M1", "brand_id": desk.brand, "category3_id": desk.category3,
                "desc_detail": "<p onmouseover=\"steal()\">大屏<script>alert(1)</script></p>",
            ], token: desk.token)
            // check
            #expect(saved.object["desc_detail"] as? String == "<p>大屏</p>")
        }
    }

    @Test func renamingAGoodsIsAuditedWithBeforeAndAfter() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            // act
            let renamed = try await client.send(.put, "/admin/api/goods/\(desk.goods)/", json: [
                "name": "美多手机 M1 Pro", "brand_id": desk.brand, "category3_id": desk.category3,
            ], token: desk.token)
            // check
            #expect(renamed.object["name"] as? String == "美多手机 M1 Pro")
            let row = try await env.auditRows(.init(targetType: "goods", targetID: "\(desk.goods)")).first
            #expect(row?.entry.before?.contains("美多手机 M1\"") == true && row?.entry.after?.contains("美多手机 M1 Pro") == true)
            #expect(row?.entry.staffUsername == "goodsop01")
        }
    }
}
