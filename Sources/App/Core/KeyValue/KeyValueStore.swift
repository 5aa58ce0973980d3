import FluentKit
import Foundation
import SQLKit

/// Values with an expiry kept in the database, each operation a single atomic statement.
public struct KeyValueStore: Sendable {
    let database: any SQLDatabase
    let clock: ShopClock

    public init(database: any SQLDatabase, clock: ShopClock) {
        self.database = database
        self.clock = clock
    }

    public init(_ database: any Database, clock: ShopClock) {
        self.init(database: database as! any SQLDatabase, clock: clock)
    }

    /// Stores `value`, replacing any previous one.
    public func set(_ key: String, _ value: String, ttl: TimeInterval) async throws {
        let now = clock.now()
        try await database.raw("""
            INSERT INTO kv_entries (entry_key, value, expires_at, create_time, update_time)
            VALUES (\(bind: key), \(bind: value), \(bind: expiry(ttl)), \(bind: now), \(bind: now))
            ON CONFLICT (entry_key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, update_time = excluded.update_time
            """).run()
    }

    public func get(_ key: String) async throws -> String? {
        try await database.raw("SELECT value FROM kv_entries WHERE entry_key = \(bind: key) AND expires_at > \(bind: clock.nowMillis())")
            .first()?.decode(column: "value", as: String.self)
    }

    /// Reads and deletes in one statement, so a value (a captcha answer) can be used once only.
    public func take(_ key: String) async throws -> String? {
        let row = try await database.raw("DELETE FROM kv_entries WHERE entry_key = \(bind: key) RETURNING value, expires_at").first()
        guard let row, try row.decode(column: "expires_at", as: Int64.self) > clock.nowMillis() else { return nil }
        return try row.decode(column: "value", as: String.self)
    }

    /// Stores `value` only if the key is absent or expired; true when it was stored (a lock or a rate limit).
    public func add(_ key: String, _ value: String, ttl: TimeInterval) async throws -> Bool {
        let now = clock.now()
        let rows = try await database.raw("""
            INSERT INTO kv_entries (entry_key, value, expires_at, create_time, update_time)
            VALUES (\(bind: key), \(bind: value), \(bind: expiry(ttl)), \(bind: now), \(bind: now))
            ON CONFLICT (entry_key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, update_time = excluded.update_time
            WHERE kv_entries.expires_at <= \(bind: clock.nowMillis())
            RETURNING entry_key
            """).all()
        return !rows.isEmpty
    }

    /// Adds one to a counter that starts at 1 and lives `ttl` from its first increment; returns the new count.
    public func increment(_ key: String, ttl: TimeInterval) async throws -> Int {
        let now = clock.now()
        let nowMillis = clock.nowMillis()
        let row = try await database.raw("""
            INSERT INTO kv_entries (entry_key, value, expires_at, create_time, update_time)
            VALUES (\(bind: key), '1', \(bind: expiry(ttl)), \(bind: now), \(bind: now))
            ON CONFLICT (entry_key) DO UPDATE SET
              value = CASE WHEN kv_entries.expires_at <= \(bind: nowMillis) THEN '1'
                           ELSE CAST(CAST(kv_entries.value AS INTEGER) + 1 AS TEXT) END,
              expires_at = CASE WHEN kv_entries.expires_at <= \(bind: nowMillis) THEN excluded.expires_at
                                ELSE kv_entries.expires_at END,
              update_time = excluded.update_time
            RETURNING value
            """).first()
        return Int(try row?.decode(column: "value", as: String.self) ?? "1") ?? 1
    }

    public func delete(_ key: String) async throws {
        try await database.raw("DELETE FROM kv_entries WHERE entry_key = \(bind: key)").run()
    }

    /// Removes expired entries; run periodically.
    @discardableResult
    public func purgeExpired() async throws -> Int {
        try await database.raw("DELETE FROM kv_entries WHERE expires_at <= \(bind: clock.nowMillis()) RETURNING entry_key").all().count
    }

    private func expiry(_ ttl: TimeInterval) -> Int64 {
        clock.nowMillis() + Int64(ttl * 1000)
    }
}
