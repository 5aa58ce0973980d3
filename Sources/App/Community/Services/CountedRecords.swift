import FluentKit
import Foundation
import SQLKit

/// One mechanism for every "once per user" record with counters beside it — likes of posts and comments, views,
/// topic and user follows: the record and its counters change in one transaction, and only when the record itself
/// changed (an insert that found it there, a delete that found nothing, moves no counter). However many likes and
/// unlikes race, each counter equals its records: PostgreSQL makes the second of two identical inserts wait for the
/// first and then do nothing; SQLite has one writer.
struct CountedRecords: Sendable {
    /// A counter that follows the records: `column` of the row of `table` whose `key` is the record's subject (or,
    /// for follows, the follower), created at 0 first when `upsert` (the community profiles).
    struct Counter: Sendable {
        let table: String
        let key: String
        let column: String
        let id: Int
        var upsert = false
    }

    let table: String
    /// The record's two identifying columns, e.g. `news_id` and `user_id`.
    let subjectColumn: String
    let userColumn: String

    /// Adds the record if it is not there; answers whether it was added.
    func add(subject: Int, user: Int, counters: [Counter], on database: any Database, now: Date) async throws -> Bool {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            let inserted = try await sql.raw("""
                INSERT INTO \(ident: table) (\(ident: subjectColumn), \(ident: userColumn), create_time)
                VALUES (\(bind: subject), \(bind: user), \(bind: now))
                ON CONFLICT (\(ident: subjectColumn), \(ident: userColumn)) DO NOTHING RETURNING id
                """).all()
            guard !inserted.isEmpty else { return false }
            for counter in counters { try await move(counter, by: 1, sql: sql) }
            return true
        }
    }

    /// Removes the record if it is there; answers whether it was removed.
    func remove(subject: Int, user: Int, counters: [Counter], on database: any Database) async throws -> Bool {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            let deleted = try await sql.raw("""
                DELETE FROM \(ident: table) WHERE \(ident: subjectColumn) = \(bind: subject) AND \(ident: userColumn) = \(bind: user) RETURNING id
                """).all()
            guard !deleted.isEmpty else { return false }
            for counter in counters { try await move(counter, by: -1, sql: sql) }
            return true
        }
    }

    /// Whether `user` has the record of each of `subjects` (a page's "liked by me").
    func has(user: Int, subjects: [Int], on sql: any SQLDatabase) async throws -> Set<Int> {
        guard !subjects.isEmpty else { return [] }
        return Set(try await sql.raw("""
            SELECT \(ident: subjectColumn) AS subject FROM \(ident: table)
            WHERE \(ident: userColumn) = \(bind: user) AND \(ident: subjectColumn) IN (\(SQLList(subjects.map { SQLBind($0) })))
            """).all().map { try $0.decode(column: "subject", as: Int.self) })
    }

    func move(_ counter: Counter, by step: Int, sql: any SQLDatabase) async throws {
        if counter.upsert {
            try await sql.raw("""
                INSERT INTO \(ident: counter.table) (\(ident: counter.key), \(ident: counter.column)) VALUES (\(bind: counter.id), \(bind: max(step, 0)))
                ON CONFLICT (\(ident: counter.key)) DO UPDATE SET \(ident: counter.column) = \(ident: counter.table).\(ident: counter.column) + \(bind: step)
                """).run()
        } else {
            try await sql.raw("""
                UPDATE \(ident: counter.table) SET \(ident: counter.column) = \(ident: counter.column) + \(bind: step) WHERE \(ident: counter.key) = \(bind: counter.id)
                """).run()
        }
    }
}

extension CountedRecords {
    static let newsFavors = CountedRecords(table: "community_news_favors", subjectColumn: "news_id", userColumn: "user_id")
    static let commentFavors = CountedRecords(table: "community_comment_favors", subjectColumn: "comment_id", userColumn: "user_id")
    static let views = CountedRecords(table: "community_viewer_records", subjectColumn: "news_id", userColumn: "user_id")
    static let topicFollows = CountedRecords(table: "community_topic_follows", subjectColumn: "topic_id", userColumn: "user_id")
    /// Subject: the followee; user: the follower.
    static let follows = CountedRecords(table: "community_follows", subjectColumn: "followee_id", userColumn: "follower_id")
}
