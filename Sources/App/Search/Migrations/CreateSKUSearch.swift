import FluentKit
import SQLKit

/// The SKU full-text index, then filled from the SKUs already present (so upgrading a shop needs no extra step).
///
/// SQLite: an FTS5 table whose rowid is the SKU id, one column per indexed field, holding the pre-tokenised
/// text of ``SearchTokenizer`` (space-separated; `unicode61` splits on the spaces and keeps CJK characters
/// together, so a stored bigram such as `华为` is one FTS token).
/// PostgreSQL: a `tsvector` per SKU (name weighted A, caption B) with a GIN index.
///
/// Unlike every other table this one has no `create_time`/`update_time`: it is derived data, rebuilt at will,
/// and an FTS5 virtual table cannot carry extra typed columns anyway.
struct CreateSKUSearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        switch SearchIndex.Backend(sql) {
        case .sqlite:
            try await sql.raw("""
                CREATE VIRTUAL TABLE sku_search USING fts5(name, caption, tokenize = 'unicode61 remove_diacritics 0')
                """).run()
        case .postgres:
            try await sql.raw("""
                CREATE TABLE sku_search (
                    sku_id BIGINT PRIMARY KEY REFERENCES skus (id) ON DELETE CASCADE,
                    document TSVECTOR NOT NULL
                )
                """).run()
            try await sql.raw("CREATE INDEX sku_search_document_idx ON sku_search USING GIN (document)").run()
        }
        try await SearchIndex(database: database).rebuild()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE IF EXISTS sku_search").run()
    }
}
