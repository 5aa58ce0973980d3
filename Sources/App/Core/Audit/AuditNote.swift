import Foundation
import NIOConcurrencyHelpers

/// What a staff write's handler says it changed, for the audit row `AuditMiddleware` writes once the write has
/// succeeded. A class in the request context because the context is passed down by value: the middleware keeps
/// this reference and reads what the handler noted after it returns.
public final class AuditNote: Sendable {
    struct Noted: Sendable {
        var targetType: String?
        var targetID: String?
        var before: String?
        var after: String?
        var summary: String?
    }

    private let noted = NIOLockedValueBox(Noted())

    public init() {}

    /// The thing changed, its state before and after (any Encodable, stored as JSON) and a line for people.
    public func record(target type: String, id: CustomStringConvertible?, before: (any Encodable)? = nil,
                       after: (any Encodable)? = nil, summary: String? = nil) {
        let before = before.flatMap(Self.json), after = after.flatMap(Self.json)
        noted.withLockedValue {
            $0.targetType = type
            $0.targetID = id.map(\.description)
            $0.before = before
            $0.after = after
            $0.summary = summary
        }
    }

    var value: Noted { noted.withLockedValue { $0 } }

    static func json(_ value: any Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}
