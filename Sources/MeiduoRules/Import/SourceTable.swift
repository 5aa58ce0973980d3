/// One table of a database being moved here (a MySQL dump's or a SQLite file's): its column names and its rows, each
/// read by column name, so the source's column order (which differs between Django versions and dump options) never
/// matters.
public struct SourceTable: Sendable, Equatable {
    public let name: String
    public let columns: [String]
    public var rows: [[DumpValue]]

    public init(name: String, columns: [String], rows: [[DumpValue]] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// The rows as column → value; a column the source lacks reads as NULL.
    public var records: [SourceRecord] {
        let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return rows.map { SourceRecord(index: index, values: $0) }
    }
}

/// A row of a `SourceTable`, read by column name.
public struct SourceRecord: Sendable {
    let index: [String: Int]
    let values: [DumpValue]

    public subscript(column: String) -> DumpValue {
        guard let i = index[column], i < values.count else { return .null }
        return values[i]
    }

    public func text(_ column: String) -> String? { self[column].text }
    public func int(_ column: String) -> Int? { self[column].int }
    /// MySQL's `tinyint(1)` and SQLite's `bool` are 0/1; a missing value is false.
    public func bool(_ column: String) -> Bool { (self[column].text).map { $0 != "0" && $0.lowercased() != "false" } ?? false }
}
