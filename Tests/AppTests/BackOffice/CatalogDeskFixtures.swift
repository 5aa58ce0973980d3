import Foundation
import Hummingbird
import HummingbirdTesting
import MeiduoRules
@testable import App

/// A 商品运营 staff member and an SPU built through the back office's API: 手机 › 手机通讯 › 智能手机, brand 美多,
/// specifications 颜色 (银色, 金色) and 内存 (64GB, 128GB), no SKU yet.
struct CatalogDesk {
    let token: String
    let category3: Int
    let brand: Int
    let goods: Int
    /// Option ids by value.
    let options: [String: Int]

    static func open(_ client: some TestClientProtocol, _ env: TestEnvironment) async throws -> CatalogDesk {
        let (_, token) = try await env.staffMember("goodsop01", mobile: "13899990011", role: "商品运营")
        let c1 = try await client.send(.post, "/admin/api/categories/", json: ["name": "手机"], token: token).object["id"] as! Int
        let c2 = try await client.send(.post, "/admin/api/categories/", json: ["name": "手机通讯", "parent_id": c1], token: token).object["id"] as! Int
        let c3 = try await client.send(.post, "/admin/api/categories/", json: ["name": "智能手机", "parent_id": c2], token: token).object["id"] as! Int
        let brand = try await client.send(.post, "/admin/api/brands/", json: ["name": "美多", "first_letter": "m"], token: token).object["id"] as! Int
        let goods = try await client.send(.post, "/admin/api/goods/", json: ["name": "美多手机 M1", "brand_id": brand, "category3_id": c3,
                                                                           "desc_detail": "<p>大屏</p>"], token: token).object["id"] as! Int
        var options: [String: Int] = [:]
        for (name, values) in [("颜色", ["银色", "金色"]), ("内存", ["64GB", "128GB"])] {
            let spec = try await client.send(.post, "/admin/api/goods/\(goods)/specs/", json: ["name": name, "options": values], token: token).object
            for option in spec["options"] as? [[String: Any]] ?? [] { options[option["value"] as! String] = option["id"] as? Int }
        }
        return CatalogDesk(token: token, category3: c3, brand: brand, goods: goods, options: options)
    }

    /// A SKU of the SPU with these option values; answers the response.
    func addSKU(_ client: some TestClientProtocol, name: String, options values: [String], price: String = "1999.00", stock: Int = 10,
                launched: Bool = true) async throws -> TestResponse {
        try await client.send(.post, "/admin/api/goods/\(goods)/skus/", json: [
            "name": name, "caption": "好用", "price": price, "stock": stock, "is_launched": launched,
            "options": values.map { options[$0] ?? 999_999 },
        ], token: token)
    }

    /// Uploads `bytes` as a picture of the SKU.
    func upload(_ client: some TestClientProtocol, skuID: Int, _ bytes: [UInt8], type: String = "image/png") async throws -> TestResponse {
        try await client.execute(uri: "/admin/api/skus/\(skuID)/images/", method: .post,
                                 headers: [.authorization: "JWT \(token)", .contentType: type], body: ByteBuffer(bytes: bytes))
    }

    /// A real 2×2 PNG, its pixels varied by `shade` so two pictures differ.
    static func png(shade: UInt8 = 200) -> [UInt8] {
        PNGEncoder.encodeRGB(width: 2, height: 2, pixels: [UInt8](repeating: shade, count: 12))
    }
}
