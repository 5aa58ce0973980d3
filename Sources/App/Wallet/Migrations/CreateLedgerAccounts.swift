import FluentKit

/// A user's balance per ledger (`wallet` in cents, `credits` in points): always the sum of its entries, changed only
/// in the same plan as the entry that explains it.
struct CreateLedgerAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_accounts")
            .field("id", .int, .identifier(auto: true))
            .field("ledger", .string, .required)
            .field("user_id", .int, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("balance", .int64, .required)
            .timestamps()
            .unique(on: "ledger", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ledger_accounts").delete()
    }
}
