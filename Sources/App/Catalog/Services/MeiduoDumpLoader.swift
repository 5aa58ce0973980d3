import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// Imports the original Meiduo MySQL dumps (`goods_data.sql`, `areas.sql`) into our tables, keeping ids.
/// Re-running is harmless: rows whose id already exists are left alone.
public struct MeiduoDumpLoader: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// How each dump table maps onto ours: our table and our column for each dump column (nil = dropped).
    static let tables: [String: (table: String, columns: [String?])] = [
        "tb_goods_category": ("goods_categories", ["id", "create_time", "update_time", "name", "parent_id"]),
        "tb_goods_channel": ("goods_channels", ["id", "create_time", "update_time", "group_id", "url", "sequence", "category_id"]),
        "tb_brand": ("brands", ["id", "create_time", "update_time", "name", "logo", "first_letter"]),
        "tb_goods": ("goods", ["id", "create_time", "update_time", "name", "sales", "comments", "brand_id", "category1_id", "category2_id", "category3_id", "desc_detail", "desc_pack", "desc_service"]),
        "tb_goods_specification": ("goods_specifications", ["id", "create_time", "update_time", "name", "goods_id"]),
        "tb_specification_option": ("specification_options", ["id", "create_time", "update_time", "value", "spec_id"]),
        "tb_sku": ("skus", ["id", "create_time", "update_time", "name", "caption", "price", "cost_price", "market_price", "stock", "sales", "comments", "is_launched", "category_id", "goods_id", "default_image_url"]),
        "tb_sku_image": ("sku_images", ["id", "create_time", "update_time", "image", "sku_id"]),
        "tb_sku_specification": ("sku_specifications", ["id", "create_time", "update_time", "option_id", "sku_id", "spec_id"]),
        "tb_content_category": ("content_categories", ["id", "create_time", "update_time", "name", "key"]),
        "tb_content": ("contents", ["id", "create_time", "update_time", "title", "url", "image", "text", "sequence", "status", "category_id"]),
        "tb_areas": ("areas", ["id", "name", "parent_id"]),
    ]

    /// Parents before children, so foreign keys hold while inserting.
    static let order = ["tb_areas", "tb_goods_category", "tb_goods_channel", "tb_brand", "tb_goods", "tb_goods_specification",
                        "tb_specification_option", "tb_sku", "tb_sku_image", "tb_sku_specification", "tb_content_category", "tb_content"]
    static let moneyColumns: Set<String> = ["price", "cost_price", "market_price"]
    static let boolColumns: Set<String> = ["is_launched", "status"]
    static let imageColumns: Set<String> = ["default_image_url", "image", "logo"]

    /// Loads every file's INSERTs in one transaction; returns rows inserted per table.
    @discardableResult
    public func load(paths: [String]) async throws -> [String: Int] {
        var inserts: [DumpInsert] = []
        for path in paths {
            inserts += try MySQLDumpParser.inserts(in: try String(contentsOfFile: path, encoding: .utf8))
        }
        let byTable = Dictionary(grouping: inserts, by: \.table)
        return try await services.db().transaction { tx in
            var counts: [String: Int] = [:]
            let sql = tx as! any SQLDatabase
            for dumpTable in Self.order {
                guard let mapping = Self.tables[dumpTable], let statements = byTable[dumpTable] else { continue }
                for statement in statements {
                    counts[mapping.table, default: 0] += try await insert(statement.rows, into: mapping.table, columns: mapping.columns, sql: sql)
                }
            }
            if services.database.kind == .postgres {
                for mapping in Self.tables.values { try await resetSequence(mapping.table, sql: sql) }
            }
            return counts
        }
    }

    /// The Meiduo sample catalog shipped with the app (a copy of the original goods_data.sql).
    public static var bundledSamplePath: String? {
        Bundle.module.path(forResource: "meiduo_goods_data", ofType: "sql", inDirectory: "Resources")
            ?? Bundle.module.path(forResource: "meiduo_goods_data", ofType: "sql")
    }

    /// Loads the bundled sample and `generated` demo products, once: a shop that has SKUs is left alone.
    /// Returns whether anything was loaded.
    public func loadDemoIfEmpty(generated: Int) async throws -> Bool {
        guard try await SKU.query(on: services.db()).count() == 0 else { return false }
        guard let path = Self.bundledSamplePath else { throw DumpLoadError.missingSample }
        try await load(paths: [path])
        _ = try await DemoCatalogGenerator(services: services, seed: 42).generate(skuCount: generated)
        try await DemoImages(services: services).ensure()
        try await CatalogEvents(services: services).catalogReloaded()
        return true
    }

    func insert(_ rows: [[DumpValue]], into table: String, columns: [String?], sql: any SQLDatabase) async throws -> Int {
        let kept = columns.enumerated().compactMap { index, name in name.map { (index, $0) } }
        var inserted = 0
        for chunk in stride(from: 0, to: rows.count, by: 200).map({ rows[$0..<min($0 + 200, rows.count)] }) {
            var builder = sql.insert(into: table).columns(kept.map(\.1))
            for row in chunk {
                builder = builder.values(try kept.map { index, name in try Self.bind(row[index], column: name) })
            }
            inserted += try await builder.ignoringConflicts(with: ["id"]).returning("id").all().count
        }
        return inserted
    }

    static func bind(_ value: DumpValue, column: String) throws -> any SQLExpression {
        guard let text = value.text else { return SQLLiteral.null }
        if column == "create_time" || column == "update_time" { return SQLBind(parseDate(text) ?? ShopClock.system.now()) }
        if moneyColumns.contains(column) {
            guard let cents = Money.parse(text) else { throw DumpLoadError.badValue(column: column, value: text) }
            return SQLBind(cents)
        }
        if boolColumns.contains(column) { return SQLBind(text != "0") }
        if imageColumns.contains(column) { return SQLBind(ImageURL.path(of: text)) }
        if case .number = value, let int = Int(text) { return SQLBind(int) }
        return SQLBind(text)
    }

    /// `2018-04-11 15:58:07.692997`, read as UTC.
    static func parseDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = text.contains(".") ? "yyyy-MM-dd HH:mm:ss.SSSSSS" : "yyyy-MM-dd HH:mm:ss"
        return formatter.date(from: text)
    }

    /// PostgreSQL identity columns don't notice explicit ids: move them past the largest.
    func resetSequence(_ table: String, sql: any SQLDatabase) async throws {
        guard table != "areas" else { return }
        try await sql.raw("""
            SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), COALESCE((SELECT MAX(id) FROM \(ident: table)), 0) + 1, false)
            """).run()
    }
}

public enum DumpLoadError: Error, CustomStringConvertible {
    case badValue(column: String, value: String)
    case missingSample
    public var description: String {
        switch self {
        case .badValue(let column, let value): return "cannot read \(column) value \(value)"
        case .missingSample: return "the bundled Meiduo sample is missing from the app's resources"
        }
    }
}
