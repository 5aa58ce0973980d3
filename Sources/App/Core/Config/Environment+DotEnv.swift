import Foundation

/// Reads `KEY=VALUE` lines from an optional `.env` file; the real environment wins over the file.
public enum DotEnv {
    public static func merged(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        file path: String = ".env"
    ) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return environment }
        var values = parse(text)
        for (key, value) in environment { values[key] = value }
        return values
    }

    static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { continue }
            var key = String(line[..<eq]).trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("export ") { key = String(key.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            var value = String(line[line.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return values
    }
}
