/// A table as CSV for a spreadsheet (RFC 4180): every cell quoted when it holds a comma, quote or line break, lines
/// ended by CRLF, and a byte-order mark so Excel reads the Chinese as UTF-8. A cell a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@` first) is prefixed with `'`, except numbers.
public enum CSVTable {
    public static func render(header: [String], rows: [[String]]) -> String {
        "\u{FEFF}" + ([header] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
