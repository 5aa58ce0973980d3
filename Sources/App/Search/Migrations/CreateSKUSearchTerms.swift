import FluentKit
import SQLKit

/// PostgreSQL: every token the index has ever held, so telling whether a query token occurs anywhere is one
/// primary-key lookup. (Asked of the GIN index with `LIMIT 1`, the planner scans the whole table for a token no
/// document has.) Filled from the index already built. SQLite needs nothing: FTS5 finds a term in its b-tree.
struct CreateSKUSearchTerms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard SearchIndex.Backend(sql) == .postgres else { return }
        try await sql.raw("CREATE TABLE sku_search_terms (term TEXT PRIMARY KEY)").run()
        try await sql.raw("INSERT INTO sku_search_terms (term) SELECT word FROM ts_stat('SELECT document FROM sku_search')").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE IF EXISTS sku_search_terms").run()
    }
}
