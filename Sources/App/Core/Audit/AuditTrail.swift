import Foundation
import SQLKit

/// Owner of `audit_log`: writes a row per staff write and finds them again for the back office.
public struct AuditTrail: Sendable {
    let database: DatabaseManager
    let clock: ShopClock

    public struct Entry: Sendable, Equatable {
        public var staffID: Int
        public var staffUsername: String
        public var action: String
        public var method: String
        public var path: String
        public var targetType: String
        public var targetID: String?
        public var status: Int
        public var request: String?
        public var before: String?
        public var after: String?
        public var summary: String?
    }

    public struct Row: Sendable, Equatable {
        public let id: Int
        public let entry: Entry
        public let time: Date
    }

    public struct Filter: Sendable, Equatable {
        public var staff: String?
        public var targetType: String?
        public var targetID: String?
        public var action: String?
        public var since: Date?
        public var until: Date?

        public init(staff: String? = nil, targetType: String? = nil, targetID: String? = nil, action: String? = nil,
                    since: Date? = nil, until: Date? = nil) {
            self.staff = staff
            self.targetType = targetType
            self.targetID = targetID
            self.action = action
            self.since = since
            self.until = until
        }
    }

    public func record(_ entry: Entry) async throws {
        try await database.sql().raw("""
            INSERT INTO audit_log (staff_id, staff_username, action, method, path, target_type, target_id, status, request,
                                   before, after, summary, create_time)
            VALUES (\(bind: entry.staffID), \(bind: entry.staffUsername), \(bind: entry.action), \(bind: entry.method),
                    \(bind: entry.path), \(bind: entry.targetType), \(bind: entry.targetID), \(bind: entry.status),
                    \(bind: entry.request), \(bind: entry.before), \(bind: entry.after), \(bind: entry.summary), \(bind: clock.now()))
            """).run()
    }

    /// Newest first; `count` is the number of rows the filter matches.
    public func search(_ filter: Filter, offset: Int, limit: Int) async throws -> (count: Int, rows: [Row]) {
        var conditions: [SQLQueryString] = []
        if let staff = filter.staff { conditions.append("staff_username = \(bind: staff)") }
        if let type = filter.targetType { conditions.append("target_type = \(bind: type)") }
        if let id = filter.targetID { conditions.append("target_id = \(bind: id)") }
        if let action = filter.action { conditions.append("action LIKE \(bind: "%" + action + "%")") }
        if let since = filter.since { conditions.append("create_time >= \(bind: since)") }
        if let until = filter.until { conditions.append("create_time < \(bind: until)") }
        var clause: SQLQueryString = ""
        if !conditions.isEmpty { clause = " WHERE " + conditions.joined(separator: " AND ") }
        let sql = database.readSQL()
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM audit_log" + clause).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("SELECT * FROM audit_log" + clause + " ORDER BY id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
        return (count, try rows.map(Self.row))
    }

    static func row(_ row: any SQLRow) throws -> Row {
        Row(id: try row.decode(column: "id", as: Int.self),
            entry: Entry(staffID: try row.decode(column: "staff_id", as: Int.self), staffUsername: try row.decode(column: "staff_username", as: String.self),
                         action: try row.decode(column: "action", as: String.self), method: try row.decode(column: "method", as: String.self),
                         path: try row.decode(column: "path", as: String.self), targetType: try row.decode(column: "target_type", as: String.self),
                         targetID: try row.decode(column: "target_id", as: String?.self), status: try row.decode(column: "status", as: Int.self),
                         request: try row.decode(column: "request", as: String?.self), before: try row.decode(column: "before", as: String?.self),
                         after: try row.decode(column: "after", as: String?.self), summary: try row.decode(column: "summary", as: String?.self)),
            time: try row.decode(column: "create_time", as: Date.self))
    }
}
