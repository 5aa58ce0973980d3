/// What an import did, table by table: rows read, imported, and skipped with the reason (grouped, with the first few
/// rows as examples), plus warnings about rows imported with a caveat.
public struct ImportReport: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public let name: String
        public var read = 0
        public var imported = 0
        public var skipped: [String: Int] = [:]
        public var warnings: [String: Int] = [:]
        public var examples: [String: [String]] = [:]

        public init(name: String) { self.name = name }

        public var skippedCount: Int { skipped.values.reduce(0, +) }

        public mutating func skip(_ row: String, because reason: String) {
            skipped[reason, default: 0] += 1
            note(row, reason)
        }

        public mutating func warn(_ row: String, _ warning: String) {
            warnings[warning, default: 0] += 1
            note(row, warning)
        }

        func exampleText(_ reason: String) -> String {
            guard let rows = examples[reason], !rows.isEmpty else { return "" }
            return " (e.g. \(rows.joined(separator: ", ")))"
        }

        mutating func note(_ row: String, _ reason: String) {
            if examples[reason, default: []].count < 3 { examples[reason, default: []].append(row) }
        }
    }

    public private(set) var tables: [Table] = []
    public var dryRun = false

    public init() {}

    /// Adds (or replaces) a table's counts, keeping the order tables were imported in.
    public mutating func record(_ table: Table) {
        if let i = tables.firstIndex(where: { $0.name == table.name }) { tables[i] = table } else { tables.append(table) }
    }

    public subscript(name: String) -> Table? { tables.first { $0.name == name } }

    public var importedTotal: Int { tables.reduce(0) { $0 + $1.imported } }

    /// The report printed by `meiduo import-django-meiduo`.
    public var text: String {
        var lines = [dryRun ? "dry run: nothing was written" : "import finished"]
        let width = max(28, (tables.map(\.name.count).max() ?? 0) + 2)
        lines.append("table".padding(width) + "read".padding(9, left: true) + "imported".padding(10, left: true) + "skipped".padding(9, left: true))
        for table in tables {
            lines.append(table.name.padding(width) + String(table.read).padding(9, left: true)
                         + String(table.imported).padding(10, left: true) + String(table.skippedCount).padding(9, left: true))
            for (reason, count) in table.skipped.sorted(by: { $0.key < $1.key }) {
                lines.append("    skipped \(count): \(reason)" + table.exampleText(reason))
            }
            for (warning, count) in table.warnings.sorted(by: { $0.key < $1.key }) {
                lines.append("    note \(count): \(warning)" + table.exampleText(warning))
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int, left: Bool = false) -> String {
        let pad = String(repeating: " ", count: max(0, width - count))
        return left ? pad + self : self + pad
    }
}
