import FluentKit
import SQLKit

/// Append-only movements of a ledger: amount (+ in, − out), why, the order it belongs to, the staff member who made
/// it by hand. Never updated or deleted.
struct CreateLedgerEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_entries")
            .field("id", .int, .identifier(auto: true))
            .field("ledger", .string, .required)
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("amount", .int64, .required)
            .field("reason", .string, .required)
            .field("order_id", .string)
            .field("staff_id", .int)
            .timestamps()
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX ledger_entries_user_idx ON ledger_entries (ledger, user_id, id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ledger_entries").delete()
    }
}
