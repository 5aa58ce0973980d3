import Foundation
import MeiduoRules
import SQLKit

/// Pictures uploaded for posts not yet published (`community_uploads`). A post claims its pictures in its own
/// transaction — each once, only its author's — and the hourly sweep takes what waited longer than
/// `CommunityRules.uploadLifetime` out of storage, so abandoned drafts don't keep files forever. A claim and the
/// sweep race on the same rows: whichever deletes a row first has it, so no post ever names a swept file.
struct CommunityUploads: Sendable {
    let services: AppServices

    static let sweepJob = "community.sweep_uploads"

    func note(key: String, userID: Int) async throws {
        try await services.sql().raw("""
            INSERT INTO community_uploads (user_id, key, create_time) VALUES (\(bind: userID), \(bind: key), \(bind: services.clock.now()))
            """).run()
    }

    /// Takes `keys` off the waiting list for a post by `userID`; false (nothing taken) unless every one was waiting.
    static func claim(_ keys: [String], userID: Int, on sql: any SQLDatabase) async throws -> Bool {
        guard !keys.isEmpty else { return true }
        let taken = try await sql.raw("""
            DELETE FROM community_uploads WHERE user_id = \(bind: userID) AND key IN (\(SQLList(keys.map { SQLBind($0) }))) RETURNING key
            """).all()
        return taken.count == Set(keys).count
    }

    /// Removes uploads older than their lifetime, rows first then files (a file whose delete fails is logged and
    /// left: never a row without its file). Answers how many went.
    func sweep() async throws -> Int {
        let cutoff = services.clock.now().addingTimeInterval(-CommunityRules.uploadLifetime)
        var swept = 0
        while true {
            let keys = try await services.sql().raw("""
                DELETE FROM community_uploads WHERE id IN (SELECT id FROM community_uploads WHERE create_time < \(bind: cutoff) ORDER BY id LIMIT 500)
                RETURNING key
                """).all().map { try $0.decode(column: "key", as: String.self) }
            for key in keys where StorageKey.isValid(key) {
                do { try await services.storage.delete(key: key) } catch {
                    services.logger.error("unpublished picture left in storage", metadata: ["key": "\(key)", "error": "\(error)"])
                }
            }
            swept += keys.count
            if keys.count < 500 { return swept }
        }
    }
}
