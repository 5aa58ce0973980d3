import FluentKit
import SQLKit

/// Short-lived values (captcha answers, SMS codes, throttles) that Redis held in the original.
struct CreateKeyValueEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("kv_entries")
            .field("entry_key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("expires_at", .int64, .required)
            .timestamps()
            .create()
        try await (database as! any SQLDatabase)
            .create(index: "kv_entries_expires_at_idx").on("kv_entries").column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("kv_entries").delete()
    }
}
