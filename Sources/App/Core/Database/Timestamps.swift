import FluentKit
import Foundation

/// Wall-clock helpers; the core tables keep instants as epoch milliseconds so SQL compares them the same way on SQLite and PostgreSQL.
public enum Clock {
    public static func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
    public static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

extension SchemaBuilder {
    /// The original's BaseModel columns: every table has them.
    func timestamps() -> Self {
        self.field("create_time", .datetime, .required)
            .field("update_time", .datetime, .required)
    }
}
