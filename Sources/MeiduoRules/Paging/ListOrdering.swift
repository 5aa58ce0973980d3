import Foundation

/// How a list is sorted, read as DRF's `OrderingFilter` reads `?ordering=`: field names separated by commas, each
/// ascending or, with a leading `-`, descending (`-total_amount,create_time`). Only the names the list offers are
/// taken; unlike DRF, which drops an unknown name silently, an unknown name is refused, so a caller who misspelt a
/// field learns it instead of getting a list in an order they did not ask for.
public struct ListOrdering: Sendable, Equatable {
    public struct Key: Sendable, Equatable {
        public let field: String
        public let descending: Bool

        public init(_ field: String, descending: Bool = false) {
            self.field = field
            self.descending = descending
        }
    }

    public let keys: [Key]

    public init(_ keys: [Key]) { self.keys = keys }

    /// Why an `ordering` can't be used.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case unknown(String, allowed: [String])
        case repeated(String)

        public var description: String {
            switch self {
            case .unknown(let name, let allowed): "不能按“\(name)”排序；可选：\(allowed.joined(separator: "、"))（前加 - 为倒序）。"
            case .repeated(let name): "“\(name)”出现了不止一次。"
            }
        }
    }

    /// `raw` as keys among `allowed`; nil or blank gives `fallback`.
    public static func parse(_ raw: String?, allowed: [String], fallback: ListOrdering) -> Result<ListOrdering, Refusal> {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return .success(fallback) }
        var keys: [Key] = []
        for part in raw.split(separator: ",", omittingEmptySubsequences: true) {
            let term = part.trimmingCharacters(in: .whitespaces)
            let descending = term.hasPrefix("-")
            let name = descending ? String(term.dropFirst()) : term
            guard allowed.contains(name) else { return .failure(.unknown(name, allowed: allowed)) }
            guard !keys.contains(where: { $0.field == name }) else { return .failure(.repeated(name)) }
            keys.append(Key(name, descending: descending))
        }
        return keys.isEmpty ? .success(fallback) : .success(ListOrdering(keys))
    }
}
