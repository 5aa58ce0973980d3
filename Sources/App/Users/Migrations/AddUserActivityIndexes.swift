import FluentKit
import SQLKit

/// The back office's dashboard counts users joined and active per day: by time, not by scanning every account.
struct AddUserActivityIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "users_create_time_idx").on("users").column("create_time").run()
        try await sql.create(index: "users_last_login_idx").on("users").column("last_login").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "users_create_time_idx").run()
        try await sql.drop(index: "users_last_login_idx").run()
    }
}
