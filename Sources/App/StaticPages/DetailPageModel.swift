import Foundation
import MeiduoRules

/// goods/<sku_id>.html: breadcrumb, the SKU, its images, the spec selector and the SPU's descriptions.
struct DetailPageModel: Sendable {
    struct Crumb: Sendable {
        let name: String
        let crumbLink: String?
    }

    struct SKUView: Sendable {
        let id: Int
        let name: String
        let caption: String
        let price: String
        let marketPrice: String
        let stock: Int
        let inStock: Bool
        let sales: Int
        let comments: Int
        let mainImage: String?
        let images: [Image]
    }

    struct Image: Sendable {
        let url: String
        let first: Bool
    }

    struct Spec: Sendable {
        let specName: String
        let options: [Option]
    }

    /// An option of a specification: a link to the SKU with it, the current SKU's own option, or disabled.
    struct Option: Sendable {
        let value: String
        let optionLink: String?
        let current: Bool
    }

    /// The SPU's texts: trusted HTML from the catalog editor, rendered unescaped.
    struct GoodsView: Sendable {
        let goodsName: String
        let descDetail: String
        let descPack: String
        let descService: String
    }

    let pageTitle: String
    let menu: MenuModel
    let breadcrumb: [Crumb]
    /// The SKU's own (third-level) category: the page shows its hot SKUs.
    let categoryID: Int
    let sku: SKUView
    let specs: [Spec]
    let goods: GoodsView

    init(detail: SKUDetailDTO, menu: [String: ChannelGroupDTO]) {
        pageTitle = "\(detail.name) - 美多商城"
        self.menu = MenuModel(menu)
        let trail = detail.breadcrumb
        var crumbs = [Crumb(name: trail.cat1.category.name, crumbLink: trail.cat1.url.isEmpty ? nil : PageLinks.safe(trail.cat1.url))]
        if let cat2 = trail.cat2 { crumbs.append(Crumb(name: cat2.name, crumbLink: nil)) }
        if let cat3 = trail.cat3 { crumbs.append(Crumb(name: cat3.name, crumbLink: PageLinks.list(categoryID: cat3.id))) }
        breadcrumb = crumbs
        categoryID = trail.cat3?.id ?? trail.cat2?.id ?? trail.cat1.category.id
        var imageURLs = detail.images.compactMap { PageLinks.image($0.image) }
        let main = PageLinks.image(detail.default_image_url)
        if imageURLs.isEmpty, let main { imageURLs = [main] }
        sku = SKUView(
            id: detail.id, name: detail.name, caption: detail.caption, price: detail.price, marketPrice: detail.market_price,
            stock: detail.stock, inStock: detail.stock > 0, sales: detail.sales, comments: detail.comments,
            mainImage: main ?? imageURLs.first,
            images: imageURLs.enumerated().map { Image(url: $1, first: $0 == 0) })
        specs = detail.specs.map { spec in
            Spec(specName: spec.name, options: spec.options.map { option in
                Option(value: option.value, optionLink: option.skuID.map(PageLinks.detail(skuID:)), current: option.skuID == detail.id)
            })
        }
        goods = GoodsView(goodsName: detail.goods.name, descDetail: detail.goods.desc_detail,
                          descPack: detail.goods.desc_pack, descService: detail.goods.desc_service)
    }
}
