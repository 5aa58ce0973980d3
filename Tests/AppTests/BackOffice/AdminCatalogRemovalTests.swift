import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
import SQLKit
import Testing
@testable import App

/// Deleting from the catalog what was never sold: a SKU (its pictures leave storage, its page and index entry go, its
/// sibling's page stops linking it, carts lose it), a whole SPU, a brand no SPU carries. What sold is refused with
/// the advice to take it off sale; every removal is audited.
@Suite struct AdminCatalogRemovalTests {
    @Test func anUnsoldSKUGoesWithItsPicturePageIndexEntryAndCartLines() async throws {
        let folder = StaticPagesFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withApp({ $0.publicDirectory = folder }) { client, env in
            // setup: two SKUs whose pages link each other; the silver one pictured and in a shopper's cart
            let desk = try await CatalogDesk.open(client, env)
            let silver = try await desk.addSKU(client, name: "M1 银色 64GB", options: ["银色", "64GB"]).object["id"] as! Int
            let gold = try await desk.addSKU(client, name: "M1 金色 64GB", options: ["金色", "64GB"]).object["id"] as! Int
            let key = try await desk.upload(client, skuID: silver, CatalogDesk.png(shade: 33)).object["key"] as! String
            let shopper = try await env.shopper()
            try await env.putInCart(shopper, skuID: silver, count: 1)
            await env.runJobs()
            // act
            let deleted = try await client.send(.delete, "/admin/api/skus/\(silver)/", token: desk.token)
            await env.runJobs()
            // check
            #expect(deleted.status == .noContent)
            #expect(try await client.send(.get, "/admin/api/skus/\(silver)/", token: desk.token).status == .notFound)
            #expect(try await env.services.storage.get(key: key) == nil)
            #expect(!StaticPagesFixture.exists(folder, "goods/\(silver).html"))
            #expect(StaticPagesFixture.read(folder, "goods/\(gold).html")?.contains("/goods/\(silver).html") == false)
            let search = try await client.send(.get, "/skus/search/?text=" + "银色".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)
            #expect(search.object["count"] as? Int == 0)
            let cart = try await client.send(.get, "/cart/", token: shopper.token)
            #expect(cart.array.isEmpty)
            let audit = try await env.auditRows(.init(targetType: "skus", targetID: "\(silver)"))
            #expect(audit.first?.entry.summary == "删除 SKU M1 银色 64GB")
        }
    }

    @Test func aSKUSomebodyOrderedStaysAndTheRefusalSaysTakeItOffSale() async throws {
        try await withApp { client, env in
            // setup: the sample's SKU 1 in a placed order
            _ = try await env.cashOrderAwaitingShipment()
            let (_, token) = try await env.staffMember("goodsop02", mobile: "13899990012", role: "商品运营")
            let goodsID = try await env.sku(1).goodsID
            // act
            let sku = try await client.send(.delete, "/admin/api/skus/1/", token: token)
            let goods = try await client.send(.delete, "/admin/api/goods/\(goodsID)/", token: token)
            // check
            for refused in [sku, goods] {
                #expect(refused.status == .badRequest && (refused.object["non_field_errors"] as? [String] ?? []) == [CatalogRemoval.soldRefusal])
            }
            #expect(try await SKU.find(1, on: env.services.db()) != nil)
        }
    }

    @Test func anUnsoldSPUGoesWithEverySKUAndSpecification() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            let silver = try await desk.addSKU(client, name: "M1 银色 64GB", options: ["银色", "64GB"]).object["id"] as! Int
            _ = try await desk.addSKU(client, name: "M1 金色 64GB", options: ["金色", "64GB"])
            // act
            let deleted = try await client.send(.delete, "/admin/api/goods/\(desk.goods)/", token: desk.token)
            // check
            #expect(deleted.status == .noContent)
            let sql = env.services.sql()
            for table in ["skus", "goods_specifications"] {
                let left = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table) WHERE goods_id = \(bind: desk.goods)").first()!
                #expect(try left.decode(column: "n", as: Int.self) == 0)
            }
            #expect(try await sql.raw("SELECT id FROM sku_specifications WHERE sku_id = \(bind: silver)").first() == nil)
            let audit = try await env.auditRows(.init(targetType: "goods", targetID: "\(desk.goods)"))
            #expect(audit.first?.entry.summary == "删除商品 美多手机 M1（2 个 SKU）")
        }
    }

    @Test func aBrandGoesOnlyWhenNoSPUCarriesIt() async throws {
        try await withApp { client, env in
            // setup: 美多 carries the desk's SPU; 小美 carries nothing
            let desk = try await CatalogDesk.open(client, env)
            let spare = try await client.send(.post, "/admin/api/brands/", json: ["name": "小美", "first_letter": "x"], token: desk.token).object["id"] as! Int
            // act
            let refused = try await client.send(.delete, "/admin/api/brands/\(desk.brand)/", token: desk.token)
            let removed = try await client.send(.delete, "/admin/api/brands/\(spare)/", token: desk.token)
            let again = try await client.send(.delete, "/admin/api/brands/\(spare)/", token: desk.token)
            // check
            #expect(refused.status == .badRequest && (refused.object["non_field_errors"] as? [String] ?? []).first?.contains("1 件商品") == true)
            #expect(removed.status == .noContent && again.status == .notFound)
            let names = try await client.send(.get, "/admin/api/brands/", token: desk.token).array.compactMap { $0["name"] as? String }
            #expect(names == ["美多"])
        }
    }

    @Test func onlyCatalogWritersMayDelete() async throws {
        try await withApp { client, env in
            // setup
            let desk = try await CatalogDesk.open(client, env)
            let sku = try await desk.addSKU(client, name: "M1 银色 64GB", options: ["银色", "64GB"]).object["id"] as! Int
            let (_, agent) = try await env.staffMember("agent0003", mobile: "13899990003", role: "订单客服")
            // act
            let refused = try await client.send(.delete, "/admin/api/skus/\(sku)/", token: agent)
            let anonymous = try await client.send(.delete, "/admin/api/goods/\(desk.goods)/")
            // check
            #expect(refused.status == .forbidden && anonymous.status == .unauthorized)
            #expect(try await SKU.find(sku, on: env.services.db()) != nil)
        }
    }

    @Test(.heavy) func anOrderRacingTheDeletionOfItsSKUEitherLandsOrFindsNoSKU() async throws {
        try await withApp { client, env in
            // setup: a SKU in ten shoppers' carts while staff delete it
            let desk = try await CatalogDesk.open(client, env)
            let sku = try await desk.addSKU(client, name: "M1 银色 64GB", options: ["银色", "64GB"], stock: 100).object["id"] as! Int
            var shoppers: [Shopper] = []
            for n in 0..<10 {
                let shopper = try await env.shopper("racer\(n)", mobile: "1381234\(String(format: "%04d", n))")
                try await env.putInCart(shopper, skuID: sku, count: 1)
                shoppers.append(shopper)
            }
            let token = desk.token
            // act
            let (deleted, orders) = await withTaskGroup(of: (Bool?, Bool?).self) { group in
                group.addTask { ((try? await client.send(.delete, "/admin/api/skus/\(sku)/", token: token))?.status == .noContent, nil) }
                for shopper in shoppers { group.addTask { (nil, (try? await env.placeOrder(shopper)) != nil) } }
                return await group.reduce(into: (false, 0)) { total, outcome in
                    if outcome.0 == true { total.0 = true }
                    if outcome.1 == true { total.1 += 1 }
                }
            }
            // check: deleted and nobody's order holds it, or kept with every order's line pointing at it
            let lines = try await env.services.sql().raw("SELECT COUNT(*) AS n FROM order_goods WHERE sku_id = \(bind: sku)").first()!
                .decode(column: "n", as: Int.self)
            let exists = try await SKU.find(sku, on: env.services.db()) != nil
            #expect(deleted ? (!exists && lines == 0 && orders == 0) : (exists && lines == orders && orders > 0))
        }
    }
}
