import FluentKit
import Foundation
import SQLKit

/// Generates products with real-looking names (Chinese and English) into the sample's categories,
/// for a demo shop and for benchmarks at 100,000 SKUs and more. Bulk inserts in batches, one transaction.
public struct DemoCatalogGenerator: Sendable {
    let services: AppServices
    let seed: UInt64

    public init(services: AppServices, seed: UInt64) {
        self.services = services
        self.seed = seed
    }

    struct Line {
        let category: Int
        let brand: String
        let letter: String
        let models: [String]
        let noun: String
        let colors: [String]
        let versions: [String]
        let basePrice: Int64
    }

    static let lines: [Line] = [
        Line(category: 115, brand: "华为（HUAWEI）", letter: "H", models: ["Mate 60 Pro", "P60 Art", "nova 12", "Pura 70"], noun: "5G手机",
             colors: ["雅川青", "曜金黑", "白沙银"], versions: ["12GB+256GB", "12GB+512GB", "8GB+256GB"], basePrice: 4_999_00),
        Line(category: 115, brand: "Apple", letter: "A", models: ["iPhone 15", "iPhone 15 Plus", "iPhone 15 Pro", "iPhone 14"], noun: "手机",
             colors: ["蓝色", "黑色", "粉色", "原色钛金属"], versions: ["128GB", "256GB", "512GB"], basePrice: 5_999_00),
        Line(category: 115, brand: "小米（MI）", letter: "X", models: ["Xiaomi 14", "Redmi K70", "Redmi Note 13"], noun: "智能手机",
             colors: ["墨羽", "晴雪", "竹月蓝"], versions: ["12GB+256GB", "16GB+512GB"], basePrice: 2_499_00),
        Line(category: 157, brand: "联想（Lenovo）", letter: "L", models: ["ThinkPad X1 Carbon", "小新 Pro 14", "ThinkBook 16+"], noun: "笔记本电脑",
             colors: ["深空灰", "银色"], versions: ["i5/16G/512G", "i7/32G/1T"], basePrice: 5_699_00),
        Line(category: 157, brand: "Apple", letter: "A", models: ["MacBook Air 13", "MacBook Air 15", "MacBook Pro 14"], noun: "笔记本",
             colors: ["午夜色", "星光色", "深空灰色"], versions: ["M3/8G/256G", "M3/16G/512G"], basePrice: 8_999_00),
        Line(category: 159, brand: "Apple", letter: "A", models: ["iPad Air", "iPad mini", "iPad Pro 11"], noun: "平板电脑",
             colors: ["深空灰色", "星光色", "紫色"], versions: ["WLAN 64GB", "WLAN 256GB"], basePrice: 3_799_00),
        Line(category: 141, brand: "索尼（SONY）", letter: "S", models: ["WH-1000XM5", "WF-1000XM5", "ULT WEAR"], noun: "无线降噪耳机",
             colors: ["黑色", "铂金银"], versions: ["标准版"], basePrice: 1_999_00),
        Line(category: 148, brand: "华为（HUAWEI）", letter: "H", models: ["WATCH 4 Pro", "WATCH GT 4", "WATCH FIT 3"], noun: "智能手表",
             colors: ["曜石黑", "云朵白", "草木绿"], versions: ["46mm", "41mm"], basePrice: 1_488_00),
        Line(category: 163, brand: "戴尔（DELL）", letter: "D", models: ["U2723QE", "S2721DGF", "P2422H"], noun: "显示器",
             colors: ["黑色"], versions: ["27英寸 4K", "27英寸 2K", "24英寸 1080P"], basePrice: 1_599_00),
        Line(category: 172, brand: "罗技（Logitech）", letter: "L", models: ["MX Master 3S", "G502 HERO", "M650"], noun: "无线鼠标",
             colors: ["石墨黑", "珍珠白"], versions: ["标准版", "商务版"], basePrice: 299_00),
    ]

    /// Adds SKUs until `skuCount` are made; returns how many.
    public func generate(skuCount: Int) async throws -> Int {
        guard try await GoodsCategory.query(on: services.db()).count() > 0 else { throw DemoCatalogError.noCategories }
        let seed = self.seed
        return try await services.db().transaction { tx in
            var rng = SplitMix64(seed: seed)
            let sql = tx as! any SQLDatabase
            var brandIDs: [String: Int] = [:]
            var made = 0
            var serial = 0
            while made < skuCount {
                let line = Self.lines[serial % Self.lines.count]
                let modelIndex = (serial / Self.lines.count) % line.models.count
                let model = line.models[modelIndex]
                let generation = serial / (Self.lines.count * line.models.count)
                let name = generation == 0 ? model : "\(model) (\(2024 - generation % 10)款)"
                let brandID = try await brandID(line, cache: &brandIDs, tx: tx)
                let imagePrefix = "demo/goods/\(serial % Self.lines.count)-\(modelIndex)"
                made += try await makeSPU(line, name: name, brandID: brandID, imagePrefix: imagePrefix, limit: skuCount - made, rng: &rng, tx: tx, sql: sql)
                serial += 1
            }
            return made
        }
    }

    func brandID(_ line: Line, cache: inout [String: Int], tx: any Database) async throws -> Int {
        if let id = cache[line.brand] { return id }
        if let existing = try await Brand.query(on: tx).filter(\.$name == line.brand).first() {
            cache[line.brand] = existing.id!
            return existing.id!
        }
        let brand = Brand()
        brand.name = line.brand
        brand.logo = ""
        brand.firstLetter = line.letter
        try await brand.create(on: tx)
        cache[line.brand] = brand.id!
        return brand.id!
    }

    /// One SPU with 颜色 × 版本 specifications and an SKU per combination (at most `limit`).
    /// One SPU with a SKU per colour and version; the SKUs of one model and colour share a picture
    /// (`<imagePrefix>-<colour>.svg`, drawn by `DemoImages`), so a catalog of any size needs few.
    func makeSPU(_ line: Line, name: String, brandID: Int, imagePrefix: String, limit: Int, rng: inout SplitMix64,
                 tx: any Database, sql: any SQLDatabase) async throws -> Int {
        guard let category3 = try await GoodsCategory.find(line.category, on: tx), let parent2 = category3.parentID,
              let category2 = try await GoodsCategory.find(parent2, on: tx), let parent1 = category2.parentID else { throw DemoCatalogError.noCategories }
        let goods = Goods()
        goods.name = "\(line.brand) \(name) \(line.noun)"
        goods.brandID = brandID
        goods.category1ID = parent1
        goods.category2ID = parent2
        goods.category3ID = line.category
        goods.sales = 0
        goods.comments = 0
        goods.descDetail = "<p>\(name) \(line.noun)，正品行货，全国联保。</p>"
        goods.descPack = "<p>主机 ×1，说明书 ×1，保修卡 ×1</p>"
        goods.descService = "<p>7天无理由退货，15天质量问题换货。</p>"
        try await goods.create(on: tx)
        let colorSpec = try await spec(goods.id!, "颜色", line.colors, tx: tx)
        let versionSpec = try await spec(goods.id!, "版本", line.versions, tx: tx)
        var made = 0
        let now = services.clock.now()
        for (colorIndex, color) in line.colors.enumerated() {
            for (versionIndex, version) in line.versions.enumerated() where made < limit {
                let price = line.basePrice + Int64(versionIndex) * 500_00 + Int64(rng.next() % 20) * 10_00
                let row = try await sql.raw("""
                    INSERT INTO skus (name, caption, goods_id, category_id, price, cost_price, market_price, stock, sales, comments,
                                      is_launched, default_image_url, create_time, update_time)
                    VALUES (\(bind: "\(line.brand) \(name) \(line.noun) \(version) \(color)"),
                            \(bind: "【新品】\(name) \(line.noun) | \(line.brand)官方旗舰店 | 支持以旧换新"),
                            \(bind: goods.id!), \(bind: line.category), \(bind: price), \(bind: price * 8 / 10), \(bind: price + price / 10),
                            \(bind: Int(rng.next() % 200) + 5), \(bind: Int(rng.next() % 5000)), \(bind: 0),
                            \(bind: true), \(bind: "\(imagePrefix)-\(colorIndex).svg"), \(bind: now.addingTimeInterval(-Double(rng.next() % 8_640_000))), \(bind: now))
                    RETURNING id
                    """).first()
                let skuID = try row!.decode(column: "id", as: Int.self)
                try await sql.raw("""
                    INSERT INTO sku_specifications (sku_id, spec_id, option_id, create_time, update_time) VALUES
                    (\(bind: skuID), \(bind: colorSpec.spec), \(bind: colorSpec.options[colorIndex]), \(bind: now), \(bind: now)),
                    (\(bind: skuID), \(bind: versionSpec.spec), \(bind: versionSpec.options[versionIndex]), \(bind: now), \(bind: now))
                    """).run()
                made += 1
            }
        }
        return made
    }

    func spec(_ goodsID: Int, _ name: String, _ values: [String], tx: any Database) async throws -> (spec: Int, options: [Int]) {
        let spec = GoodsSpecification()
        spec.goodsID = goodsID
        spec.name = name
        try await spec.create(on: tx)
        var options: [Int] = []
        for value in values {
            let option = SpecificationOption()
            option.specID = spec.id!
            option.value = value
            try await option.create(on: tx)
            options.append(option.id!)
        }
        return (spec.id!, options)
    }
}

public enum DemoCatalogError: Error, CustomStringConvertible {
    case noCategories
    public var description: String { "the demo catalog needs the Meiduo categories: run `meiduo load-meiduo-dump …/goods_data.sql` first" }
}

/// A small, fast, seedable generator so a seeded catalog is the same every time.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
