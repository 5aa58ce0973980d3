import Foundation

/// One submitted value from a JSON body, a form body or a query string.
public enum InputValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    /// A JSON array (`"options": [3, 7]`), its items read as any other value.
    case list([InputValue])
    case compound

    init(json: Any) {
        switch json {
        case let s as String: self = .string(s)
        // NSNumber bridges booleans too: tell them apart by their Objective-C type.
        case let n as NSNumber where CFGetTypeIDIsBool(n): self = .bool(n.boolValue)
        case let n as NSNumber: self = .number(n.doubleValue)
        case is NSNull: self = .null
        case let items as [Any]: self = .list(items.map(InputValue.init(json:)))
        default: self = .compound
        }
    }

    /// The text DRF's CharField accepts: strings and numbers, not booleans or objects.
    var text: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        default: return nil
        }
    }

    /// Integers as JSON numbers or numeric strings, as DRF's IntegerField accepts.
    var integer: Int? {
        switch self {
        case .number(let n): return n.rounded() == n && abs(n) < 9e15 ? Int(n) : nil
        case .string(let s):
            let t = s.trimmingCharacters(in: .whitespaces)
            if let i = Int(t) { return i }
            if let d = Double(t), d.rounded() == d, abs(d) < 9e15 { return Int(d) }
            return nil
        default: return nil
        }
    }

    /// Booleans with DRF's accepted spellings.
    var boolean: Bool? {
        switch self {
        case .bool(let b): return b
        case .number(let n): return n == 1 ? true : (n == 0 ? false : nil)
        case .string(let s):
            switch s.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1", "yes", "on", "t", "y": return true
            case "false", "0", "no", "off", "f", "n": return false
            default: return nil
            }
        default: return nil
        }
    }
}

private func CFGetTypeIDIsBool(_ n: NSNumber) -> Bool {
    // On Linux swift-corelibs-foundation, booleans decoded by JSONSerialization keep objCType "c".
    String(cString: n.objCType) == "c" && (n == NSNumber(value: true) || n == NSNumber(value: false))
}
