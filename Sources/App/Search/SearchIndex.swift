import FluentKit
import Foundation
import MeiduoRules
import SQLKit

/// The SKU full-text index (`sku_search`): what goes in, and keeping it in step with `skus`.
/// Only launched SKUs have entries; name and caption are indexed separately so a match in the name counts more.
/// Reads are in `SearchIndex+Query.swift`.
public struct SearchIndex: Sendable {
    /// The two index implementations, chosen by the SQL dialect.
    enum Backend: Sendable {
        case sqlite, postgres

        init(_ sql: any SQLDatabase) {
            self = sql.dialect.name == "postgresql" ? .postgres : .sqlite
        }
    }

    /// What one SKU contributes to the index.
    struct Document: Sendable {
        let id: Int
        let name: String
        let caption: String
    }

    static let batchSize = 500

    let database: any Database
    let imageBase: String

    public init(services: AppServices) {
        self.init(database: services.db(), imageBase: services.config.imageBaseURL)
    }

    public init(database: any Database, imageBase: String = "") {
        self.database = database
        self.imageBase = imageBase
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }
    var backend: Backend { Backend(sql) }

    /// The stored form of `text`: ``SearchTokenizer/indexText(_:)`` of each whitespace-separated piece, so a
    /// word repeated across pieces (`华为 … 华为`) counts twice for ranking, while the tokens stay the same.
    public static func indexText(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace })
            .map { SearchTokenizer.indexText(String($0)) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// Re-indexes these SKUs: launched ones get a fresh entry; unlaunched or deleted ones lose theirs.
    /// Idempotent, so it is safe as a retried job.
    public func index(skuIDs: [Int]) async throws {
        let ids = Array(Set(skuIDs)).sorted()
        for start in stride(from: 0, to: ids.count, by: Self.batchSize) {
            let chunk = Array(ids[start..<min(start + Self.batchSize, ids.count)])
            try await database.transaction { tx in
                let sql = tx as! any SQLDatabase
                let backend = Backend(sql)
                // PostgreSQL: hold the rows so an edit committing meanwhile is indexed after us, never before.
                let lock = backend == .postgres ? "FOR SHARE" : ""
                let documents = try await CatalogService.searchTexts(ids: chunk, launchedOnly: true, on: sql, lock: lock)
                    .map { Document(id: $0.id, name: $0.name, caption: $0.caption) }
                let kept = Set(documents.map(\.id))
                let removed = backend == .sqlite ? chunk : chunk.filter { !kept.contains($0) }
                try await Self.delete(removed, on: sql)
                try await Self.insert(documents, on: sql)
            }
        }
    }

    /// Empties the index and indexes every launched SKU, in one transaction (searches see the old index
    /// until it commits); returns how many SKUs are indexed.
    @discardableResult
    public func rebuild() async throws -> Int {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("DELETE FROM sku_search").run()
            var lastID = 0
            var count = 0
            while true {
                let documents = try await CatalogService.searchTexts(after: lastID, limit: Self.batchSize, on: sql)
                    .map { Document(id: $0.id, name: $0.name, caption: $0.caption) }
                guard let last = documents.last else { break }
                try await Self.insert(documents, on: sql)
                lastID = last.id
                count += documents.count
            }
            return count
        }
    }

    /// PostgreSQL: adds the documents' lexemes to `sku_search_terms` (never removed: a token that is gone only
    /// costs a query the any-token fallback). Skipped while that table doesn't exist yet — during the migration
    /// that creates the index, which fills it from the index afterwards.
    static func recordTerms(of documents: [Document], on sql: any SQLDatabase) async throws {
        guard try await sql.raw("SELECT to_regclass('sku_search_terms') IS NOT NULL AS present").first()?
            .decode(column: "present", as: Bool.self) == true else { return }
        try await sql.raw("""
            INSERT INTO sku_search_terms (term)
            SELECT DISTINCT unnest(tsvector_to_array(document)) FROM sku_search WHERE sku_id IN (\(binds: documents.map(\.id)))
            ON CONFLICT (term) DO NOTHING
            """).run()
    }

    /// Number of entries in the index.
    public func count() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM sku_search").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func delete(_ ids: [Int], on sql: any SQLDatabase) async throws {
        guard !ids.isEmpty else { return }
        switch Backend(sql) {
        case .sqlite: try await sql.raw("DELETE FROM sku_search WHERE rowid IN (\(binds: ids))").run()
        case .postgres: try await sql.raw("DELETE FROM sku_search WHERE sku_id IN (\(binds: ids))").run()
        }
    }

    /// Adds or replaces entries (PostgreSQL upserts, so a concurrent re-index of the same SKU cannot collide).
    static func insert(_ documents: [Document], on sql: any SQLDatabase) async throws {
        guard !documents.isEmpty else { return }
        switch Backend(sql) {
        case .sqlite:
            let values: [SQLQueryString] = documents.map {
                "(\(bind: $0.id), \(bind: indexText($0.name)), \(bind: indexText($0.caption)))"
            }
            try await sql.raw("""
                INSERT OR REPLACE INTO sku_search (rowid, name, caption) VALUES \(values.joined(separator: ", "))
                """).run()
        case .postgres:
            let values: [SQLQueryString] = documents.map {
                """
                (\(bind: $0.id), setweight(to_tsvector('simple', \(bind: indexText($0.name))), 'A')
                    || setweight(to_tsvector('simple', \(bind: indexText($0.caption))), 'B'))
                """
            }
            try await sql.raw("""
                INSERT INTO sku_search (sku_id, document) VALUES \(values.joined(separator: ", "))
                ON CONFLICT (sku_id) DO UPDATE SET document = EXCLUDED.document
                """).run()
            try await recordTerms(of: documents, on: sql)
        }
    }
}
