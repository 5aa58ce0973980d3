import FluentKit
import SQLKit

/// An order of courses ships nothing, so it has no address: `order_info.address_id` becomes nullable. PostgreSQL
/// drops the constraint in place; SQLite rebuilds the table (see `SQLiteTableRebuild`).
struct AllowOrdersWithoutAddress: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await SQLiteTableRebuild.dropNotNull(table: OrderInfo.schema, column: "address_id", on: database)
        } else {
            try await sql.raw("ALTER TABLE order_info ALTER COLUMN address_id DROP NOT NULL").run()
        }
    }

    /// Going back is only possible while every order has an address.
    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name != "sqlite" {
            try await sql.raw("ALTER TABLE order_info ALTER COLUMN address_id SET NOT NULL").run()
        }
    }
}
