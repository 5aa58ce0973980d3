import Foundation
import MeiduoRules

/// Reads typed fields out of a `RequestInput`, collecting DRF-style errors instead of failing on the first.
public struct FormReader: Sendable {
    public let input: RequestInput
    public var errors = FieldErrors()

    public init(_ input: RequestInput) { self.input = input }

    public mutating func string(_ key: String, required: Bool = true, allowBlank: Bool = false, minLength: Int? = nil, maxLength: Int? = nil) -> String? {
        guard let raw = input.values[key], raw != .null else {
            if required { errors.add(key, DRFMessage.required) }
            return nil
        }
        guard let text = raw.text else {
            errors.add(key, DRFMessage.invalidString)
            return nil
        }
        // Like DRF's CharField: PostgreSQL can't store U+0000, so it never reaches a query.
        guard !text.unicodeScalars.contains("\u{0}") else {
            errors.add(key, DRFMessage.nullCharacter)
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            if !allowBlank && required { errors.add(key, DRFMessage.blank) }
            return allowBlank ? "" : nil
        }
        if let maxLength, trimmed.count > maxLength {
            errors.add(key, DRFMessage.maxLength(maxLength))
            return nil
        }
        if let minLength, trimmed.count < minLength {
            errors.add(key, DRFMessage.minLength(minLength))
            return nil
        }
        return trimmed
    }

    public mutating func int(_ key: String, required: Bool = true, min: Int? = nil, max: Int? = nil) -> Int? {
        guard let raw = input.values[key], raw != .null, raw != .string("") else {
            if required { errors.add(key, DRFMessage.required) }
            return nil
        }
        guard let value = raw.integer else {
            errors.add(key, DRFMessage.invalidInteger)
            return nil
        }
        if let min, value < min { errors.add(key, DRFMessage.minValue(min)); return nil }
        if let max, value > max { errors.add(key, DRFMessage.maxValue(max)); return nil }
        return value
    }

    /// A JSON list of integers (ids), each positive; `maxCount` bounds what one request may name.
    public mutating func ids(_ key: String, required: Bool = true, maxCount: Int = 100) -> [Int]? {
        guard let raw = input.values[key], raw != .null else {
            if required { errors.add(key, DRFMessage.required) }
            return nil
        }
        guard case .list(let items) = raw else {
            errors.add(key, "请提供一个列表。")
            return nil
        }
        guard items.count <= maxCount else {
            errors.add(key, "最多 \(maxCount) 项。")
            return nil
        }
        let ids = items.compactMap { $0.integer }.filter { $0 > 0 && $0 <= Int(Int32.max) }
        guard ids.count == items.count else {
            errors.add(key, "列表中须都是正整数 id。")
            return nil
        }
        return ids
    }

    /// A JSON list of non-blank strings (option values), each at most `maxLength`, none twice.
    public mutating func strings(_ key: String, required: Bool = true, maxCount: Int = 50, maxLength: Int) -> [String]? {
        guard let raw = input.values[key], raw != .null else {
            if required { errors.add(key, DRFMessage.required) }
            return nil
        }
        guard case .list(let items) = raw, items.count <= maxCount else {
            errors.add(key, "请提供一个不超过 \(maxCount) 项的列表。")
            return nil
        }
        let texts = items.compactMap { item -> String? in
            guard case .string(let text) = item, !text.unicodeScalars.contains("\u{0}") else { return nil }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty || trimmed.count > maxLength ? nil : trimmed
        }
        guard texts.count == items.count else {
            errors.add(key, "每一项都须是不超过 \(maxLength) 个字的文字。")
            return nil
        }
        guard Set(texts).count == texts.count else {
            errors.add(key, "列表中有重复的项。")
            return nil
        }
        return texts
    }

    public mutating func bool(_ key: String, default defaultValue: Bool? = nil) -> Bool? {
        guard let raw = input.values[key], raw != .null else {
            if defaultValue == nil { errors.add(key, DRFMessage.required) }
            return defaultValue
        }
        guard let value = raw.boolean else {
            errors.add(key, DRFMessage.invalidBoolean)
            return nil
        }
        return value
    }

    /// Throws the collected errors, if any, as one 400.
    /// An ISO 8601 date-time field (`2026-12-01T10:00:00+08:00`).
    public mutating func date(_ key: String, required: Bool = false) -> Date? {
        guard let text = string(key, required: required, maxLength: 40) else { return nil }
        guard let date = Self.isoDate(text) else {
            errors.add(key, "日期时间格式错误，请用 2026-12-01T10:00:00+08:00")
            return nil
        }
        return date
    }

    /// RFC 3339 date-times, with or without fractional seconds of any length (`2026-12-01T10:00:00.250+08:00`): the
    /// fraction is split off and added back, so it doesn't depend on how many digits Foundation's parser takes.
    static func isoDate(_ text: String) -> Date? {
        guard let match = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|z|[+-]\d{2}:\d{2})/) else { return nil }
        guard let whole = ISO8601DateFormatter().date(from: String(match.1) + String(match.3).uppercased()) else { return nil }
        return whole.addingTimeInterval(match.2.flatMap { Double("0" + $0) } ?? 0)
    }

    /// A money field in yuan (`12.50`), never negative.
    public mutating func money(_ key: String, required: Bool = true) -> Int64? {
        guard let text = string(key, required: required, maxLength: 20) else { return nil }
        guard let cents = Money.parse(text), cents >= 0, cents < 1_000_000_000_00 else {
            errors.add(key, "请输入正确的金额")
            return nil
        }
        return cents
    }

    public func finish() throws { try errors.throwIfAny() }
}

