import FluentKit
import SQLKit

struct CreateSpecificationOptions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SpecificationOption.schema)
            .field("id", .int, .identifier(auto: true))
            .field("spec_id", .int, .required, .references(GoodsSpecification.schema, "id", onDelete: .cascade))
            .field("value", .string, .required)
            .timestamps()
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "specification_options_spec_idx").on(SpecificationOption.schema).column("spec_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SpecificationOption.schema).delete()
    }
}
