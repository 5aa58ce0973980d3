import FluentKit

/// What a recharge was for, when it was more than topping up: the job (`then_job`, with its JSON `then_payload`) that
/// the confirmation of its trade queues in the same plan that credits the wallet — paying an auction order's
/// remainder or a deposit from the money just received. Queued with the credit, it can't be lost between the two.
struct AddRechargeFollowUp: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("wallet_recharges").field("then_job", .string).update()
        try await database.schema("wallet_recharges").field("then_payload", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("wallet_recharges").deleteField("then_job").update()
        try await database.schema("wallet_recharges").deleteField("then_payload").update()
    }
}
