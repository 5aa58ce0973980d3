/// A configuration problem found at start-up; the message names the variable so an operator can fix it.
public struct ConfigError: Error, CustomStringConvertible {
    public let variable: String
    public let problem: String
    public var description: String { "configuration error: \(variable): \(problem)" }
}

/// Typed access to environment values that fails fast with the variable's name.
struct EnvReader {
    let values: [String: String]

    func string(_ key: String, default defaultValue: String) -> String {
        nonEmpty(key) ?? defaultValue
    }

    func nonEmpty(_ key: String) -> String? {
        guard let v = values[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        return v
    }

    func required(_ key: String, because reason: String) throws -> String {
        guard let v = nonEmpty(key) else { throw ConfigError(variable: key, problem: "is required \(reason)") }
        return v
    }

    func int(_ key: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = nonEmpty(key) else { return defaultValue }
        guard let v = Int(raw), range.contains(v) else {
            throw ConfigError(variable: key, problem: "must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(raw)\"")
        }
        return v
    }

    func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let raw = nonEmpty(key)?.lowercased() else { return defaultValue }
        switch raw {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigError(variable: key, problem: "must be true or false, got \"\(raw)\"")
        }
    }

    func choice<T: RawRepresentable<String>>(_ key: String, default defaultValue: T) throws -> T {
        guard let raw = nonEmpty(key) else { return defaultValue }
        guard let v = T(rawValue: raw.lowercased()) else {
            throw ConfigError(variable: key, problem: "unknown value \"\(raw)\"")
        }
        return v
    }
}
