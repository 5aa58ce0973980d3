import FluentKit
import Hummingbird

/// Everything the Catalog domain adds to the application.
enum CatalogModule {
    static let migrations: [any Migration] = [
        CreateGoodsCategories(), CreateGoodsChannels(), CreateBrands(), CreateGoods(), CreateGoodsSpecifications(),
        CreateSpecificationOptions(), CreateSKUs(), CreateSKUImages(), CreateSKUSpecifications(),
        CreateContentCategories(), CreateContents(), CreateCategoryVisits(), AddSKUImageSequence(), CreateGoodsChannelGroups(),
    ]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        CatalogController(services: services).addRoutes(to: routes)
        AdminCategoriesController(services: services).addRoutes(to: routes)
        AdminGoodsController(services: services).addRoutes(to: routes)
        AdminHomeController(services: services).addRoutes(to: routes)
        AdminChannelGroupsController(services: services).addRoutes(to: routes)
    }
}
