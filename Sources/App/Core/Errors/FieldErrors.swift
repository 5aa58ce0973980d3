/// Collects per-field validation errors the way a DRF serializer does, then throws them all at once.
public struct FieldErrors: Sendable {
    public private(set) var fields: [String: [String]] = [:]
    public private(set) var nonField: [String] = []

    public init() {}

    public var isEmpty: Bool { fields.isEmpty && nonField.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        fields[field, default: []].append(message)
    }

    public mutating func addNonField(_ message: String) {
        nonField.append(message)
    }

    public func has(_ field: String) -> Bool { fields[field] != nil }

    public func throwIfAny() throws {
        if isEmpty { return }
        var all = fields
        if !nonField.isEmpty { all["non_field_errors"] = nonField }
        throw APIError(.badRequest, .fields(all))
    }
}

/// DRF's default messages, in the Chinese locale the original shop used.
public enum DRFMessage {
    public static let required = "该字段是必填项。"
    public static let blank = "该字段不能为空。"
    public static let invalidInteger = "请填写合法的整数值。"
    public static let invalidBoolean = "必须是有效的布尔值。"
    public static let invalidString = "不是有效的字符串。"
    public static let nullCharacter = "不允许包含空字符。"
    public static func maxLength(_ n: Int) -> String { "请确保这个字段不能超过 \(n) 个字符。" }
    public static func minLength(_ n: Int) -> String { "请确保这个字段至少包含 \(n) 个字符。" }
    public static func minValue(_ n: Int) -> String { "请确保该值大于或者等于 \(n)。" }
    public static func maxValue(_ n: Int) -> String { "请确保该值小于或者等于 \(n)。" }
    public static let invalidEmail = "请输入合法的邮件地址。"
}
