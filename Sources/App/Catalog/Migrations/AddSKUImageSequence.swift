import FluentKit
import SQLKit

/// Staff put a SKU's pictures in the order the detail page shows them (`sequence`, then id: the loaded sample's
/// pictures keep their old order at 0).
struct AddSKUImageSequence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SKUImage.schema).field("sequence", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SKUImage.schema).deleteField("sequence").update()
    }
}
