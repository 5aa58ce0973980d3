import Foundation
import MeiduoRules
import SQLKit

/// Draws a picture (`DemoArtwork`) for every image the catalog refers to that storage doesn't hold yet: SKU
/// pictures, ad pictures and the pictures inside goods descriptions. The Meiduo sample's photos lived on a
/// FastDFS server that is long gone; a demo shop shows its own drawings under the same paths instead, so no
/// image is ever broken. Pictures already in storage (real uploads) are left alone.
public struct DemoImages: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    struct Wanted {
        let title: String
        let subtitle: String
        let kind: DemoArtwork.Kind
    }

    /// Stores the missing pictures; returns how many were drawn.
    @discardableResult
    public func ensure() async throws -> Int {
        var wanted: [String: Wanted] = [:]
        let sql = services.readSQL()
        for row in try await sql.raw("SELECT name, default_image_url AS image FROM skus WHERE default_image_url <> ''").all() {
            try remember(row, as: .product, into: &wanted)
        }
        for row in try await sql.raw("SELECT s.name, i.image FROM sku_images i JOIN skus s ON s.id = i.sku_id").all() {
            try remember(row, as: .product, into: &wanted)
        }
        for row in try await sql.raw("SELECT title AS name, image, text FROM contents WHERE image IS NOT NULL AND image <> ''").all() {
            let key = ImageURL.path(of: try row.decode(column: "image", as: String.self))
            let text = try row.decode(column: "text", as: String?.self) ?? ""
            if wanted[key] == nil { wanted[key] = Wanted(title: try row.decode(column: "name", as: String.self), subtitle: text, kind: .banner) }
        }
        for row in try await sql.raw("SELECT name, desc_detail, desc_pack, desc_service FROM goods").all() {
            let name = try row.decode(column: "name", as: String.self)
            for column in ["desc_detail", "desc_pack", "desc_service"] {
                for key in Self.embeddedImagePaths(try row.decode(column: column, as: String.self)) where wanted[key] == nil {
                    wanted[key] = Wanted(title: name, subtitle: "商品详情", kind: .banner)
                }
            }
        }
        var drawn = 0
        for (key, picture) in wanted.sorted(by: { $0.key < $1.key }) where StorageKey.isValid(key) {
            guard try await services.storage.get(key: key) == nil else { continue }
            let svg = DemoArtwork.svg(title: picture.title, subtitle: picture.subtitle, kind: picture.kind)
            try await services.storage.put(Array(svg.utf8), key: key, contentType: "image/svg+xml")
            drawn += 1
        }
        return drawn
    }

    private func remember(_ row: any SQLRow, as kind: DemoArtwork.Kind, into wanted: inout [String: Wanted]) throws {
        let key = ImageURL.path(of: try row.decode(column: "image", as: String.self))
        if !key.isEmpty, wanted[key] == nil { wanted[key] = Wanted(title: try row.decode(column: "name", as: String.self), subtitle: "", kind: kind) }
    }

    /// The storage paths of the original's FastDFS pictures inside a description's HTML (`…/group1/M00/…`).
    static func embeddedImagePaths(_ html: String) -> [String] {
        html.matches(of: /group1\/M\d\d\/[0-9A-Za-z_\-\/]+/).map { String($0.output) }
    }
}
