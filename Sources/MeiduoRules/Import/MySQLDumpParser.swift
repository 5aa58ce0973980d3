/// A value of a MySQL dump's INSERT statement.
public enum DumpValue: Sendable, Equatable {
    case null
    /// An unquoted number, kept as text so decimals lose nothing.
    case number(String)
    case string(String)

    public var text: String? {
        switch self {
        case .null: return nil
        case .number(let s), .string(let s): return s
        }
    }

    public var int: Int? { text.flatMap { Int($0) } }
}

/// The rows of one `INSERT INTO \`table\` VALUES (…),(…);` statement.
public struct DumpInsert: Sendable, Equatable {
    public let table: String
    public let rows: [[DumpValue]]
    /// The statement's own column list (`INSERT INTO `t` (`a`,`b`) VALUES …`), when it has one.
    public var columns: [String]? = nil
}

public enum DumpParseError: Error, Equatable {
    case unterminated(table: String)
    case unexpected(table: String, character: Character)
}

/// Reads the INSERT statements of a `mysqldump` file; everything else (DDL, comments, locks) is skipped.
public enum MySQLDumpParser {
    public static func inserts(in text: String) throws -> [DumpInsert] {
        var result: [DumpInsert] = []
        var scanner = Substring(text)
        while let range = scanner.range(of: "INSERT INTO `") {
            scanner = scanner[range.upperBound...]
            guard let close = scanner.firstIndex(of: "`") else { break }
            let table = String(scanner[..<close])
            scanner = scanner[scanner.index(after: close)...]
            guard let values = scanner.range(of: "VALUES") else { throw DumpParseError.unterminated(table: table) }
            let named = backtickedNames(scanner[..<values.lowerBound])
            scanner = scanner[values.upperBound...]
            var rows: [[DumpValue]] = []
            try parseRows(&scanner, table: table, into: &rows)
            result.append(DumpInsert(table: table, rows: rows, columns: named.isEmpty ? nil : named))
        }
        return result
    }

    /// Every table the dump fills, its rows from all its INSERTs, its columns named by the INSERTs or else by the
    /// dump's `CREATE TABLE` (mysqldump writes one by default); empty when the dump names none.
    public static func tables(in text: String) throws -> [String: SourceTable] {
        let created = createdColumns(in: text)
        var tables: [String: SourceTable] = [:]
        for insert in try inserts(in: text) {
            let columns = insert.columns ?? created[insert.table] ?? []
            tables[insert.table, default: SourceTable(name: insert.table, columns: columns)].rows += insert.rows
        }
        for (table, columns) in created where tables[table] == nil {
            tables[table] = SourceTable(name: table, columns: columns)
        }
        return tables
    }

    /// The column names of each `CREATE TABLE` (keys and constraints left out), in order.
    public static func createdColumns(in text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var scanner = Substring(text)
        while let range = scanner.range(of: "CREATE TABLE `") {
            scanner = scanner[range.upperBound...]
            guard let close = scanner.firstIndex(of: "`") else { break }
            let table = String(scanner[..<close])
            let end = scanner.range(of: "\n)")?.lowerBound ?? scanner.endIndex
            var columns: [String] = []
            for line in scanner[scanner.index(after: close)..<end].split(separator: "\n").dropFirst() {
                let trimmed = line.drop { $0 == " " }
                guard trimmed.first == "`", let name = backtickedNames(trimmed).first else { continue }
                columns.append(name)
            }
            result[table] = columns
            scanner = scanner[end...]
        }
        return result
    }

    /// The names between backticks in `text`, in order.
    static func backtickedNames(_ text: Substring) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .compactMap { $0.offset % 2 == 1 ? String($0.element) : nil }
    }

    static func parseRows(_ s: inout Substring, table: String, into rows: inout [[DumpValue]]) throws {
        while true {
            skipSpaces(&s)
            guard let c = s.first else { throw DumpParseError.unterminated(table: table) }
            switch c {
            case "(":
                s.removeFirst()
                rows.append(try parseTuple(&s, table: table))
            case ",": s.removeFirst()
            case ";": s.removeFirst(); return
            default: throw DumpParseError.unexpected(table: table, character: c)
            }
        }
    }

    static func parseTuple(_ s: inout Substring, table: String) throws -> [DumpValue] {
        var values: [DumpValue] = []
        while true {
            skipSpaces(&s)
            guard let c = s.first else { throw DumpParseError.unterminated(table: table) }
            if c == ")" { s.removeFirst(); return values }
            if c == "," { s.removeFirst(); continue }
            if c == "'" {
                s.removeFirst()
                values.append(.string(try parseString(&s, table: table)))
            } else {
                let end = s.firstIndex { $0 == "," || $0 == ")" } ?? s.endIndex
                let token = s[..<end].trimmingSpaces()
                s = s[end...]
                values.append(token.uppercased() == "NULL" ? .null : .number(token))
            }
        }
    }

    /// A single-quoted string with MySQL's backslash escapes and doubled quotes.
    static func parseString(_ s: inout Substring, table: String) throws -> String {
        var out = ""
        while let c = s.first {
            s.removeFirst()
            if c == "\\" {
                guard let e = s.first else { break }
                s.removeFirst()
                switch e {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "0": out.append("\0")
                case "Z": out.append("\u{1A}")
                default: out.append(e)
                }
            } else if c == "'" {
                if s.first == "'" { s.removeFirst(); out.append("'") } else { return out }
            } else {
                out.append(c)
            }
        }
        throw DumpParseError.unterminated(table: table)
    }

    static func skipSpaces(_ s: inout Substring) {
        while let c = s.first, c.isWhitespace { s.removeFirst() }
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    func range(of needle: String) -> Range<Index>? {
        guard let first = needle.first else { return nil }
        var i = startIndex
        while let found = self[i...].firstIndex(of: first) {
            if self[found...].hasPrefix(needle) {
                return found..<self.index(found, offsetBy: needle.count)
            }
            i = self.index(after: found)
        }
        return nil
    }
}
