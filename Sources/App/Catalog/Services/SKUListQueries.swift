import FluentKit
import MeiduoRules
import SQLKit

/// List orderings the contract allows (seed 000: create_time, price, sales and their `-` forms).
public enum SKUOrdering: String, Sendable, CaseIterable {
    case createTime = "create_time", newestFirst = "-create_time"
    case price = "price", priceDescending = "-price"
    case sales = "sales", salesDescending = "-sales"

    /// A missing ordering means the default; an unknown one is refused.
    public static func parse(_ raw: String?) throws -> SKUOrdering {
        guard let raw, !raw.isEmpty else { return .createTime }
        guard let ordering = SKUOrdering(rawValue: raw) else {
            throw APIError.field("ordering", "无效的排序字段，可选：\(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return ordering
    }

    var sql: String {
        switch self {
        case .createTime: return "create_time ASC, id ASC"
        case .newestFirst: return "create_time DESC, id DESC"
        case .price: return "price ASC, id ASC"
        case .priceDescending: return "price DESC, id DESC"
        case .sales: return "sales ASC, id ASC"
        case .salesDescending: return "sales DESC, id DESC"
        }
    }
}

/// The hot read paths of the goods list: only the columns the answer needs, served by the list indexes.
public struct SKUListQueries: Sendable {
    let sql: any SQLDatabase
    let imageBase: String

    public init(sql: any SQLDatabase, imageBase: String) {
        self.sql = sql
        self.imageBase = imageBase
    }

    public func count(categoryID: Int) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM skus WHERE category_id = \(bind: categoryID) AND is_launched = \(bind: true)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public func page(categoryID: Int, ordering: SKUOrdering, limit: Int, offset: Int) async throws -> [SKUSummaryDTO] {
        try await sql.raw("""
            SELECT id, name, price, default_image_url, comments FROM skus
            WHERE category_id = \(bind: categoryID) AND is_launched = \(bind: true)
            ORDER BY \(unsafeRaw: ordering.sql) LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map(summary)
    }

    /// Launched SKUs with these ids, in the order given.
    public func summaries(ids: [Int]) async throws -> [SKUSummaryDTO] {
        guard !ids.isEmpty else { return [] }
        let rows = try await sql.raw("""
            SELECT id, name, price, default_image_url, comments FROM skus WHERE id IN (\(binds: ids))
            """).all().map(summary)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    public func summary(_ row: any SQLRow) throws -> SKUSummaryDTO {
        SKUSummaryDTO(
            id: try row.decode(column: "id", as: Int.self),
            name: try row.decode(column: "name", as: String.self),
            price: Money.format(cents: try row.decode(column: "price", as: Int64.self)),
            default_image_url: ImageURL.full(try row.decode(column: "default_image_url", as: String.self), base: imageBase),
            comments: try row.decode(column: "comments", as: Int.self))
    }
}
