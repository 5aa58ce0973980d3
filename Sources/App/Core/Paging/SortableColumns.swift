import MeiduoRules
import SQLKit

/// A list's sortable fields and the SQL column behind each, with the order it has when nobody asks and a unique
/// column that breaks ties (so a page boundary never splits rows the sort calls equal differently on two requests).
/// The columns are the owner's constants, never the caller's text: the caller only picks among their names.
struct SortableColumns: Sendable {
    let columns: [(field: String, column: String)]
    let fallback: ListOrdering
    let tiebreak: String

    var fields: [String] { columns.map(\.field) }

    /// `?ordering=` from the query; a name the list doesn't offer is a field error on `ordering`.
    func read(_ form: inout FormReader) -> ListOrdering {
        switch ListOrdering.parse(form.string("ordering", required: false, allowBlank: true, maxLength: 200), allowed: fields, fallback: fallback) {
        case .success(let ordering): return ordering
        case .failure(let refusal):
            form.errors.add("ordering", refusal.description)
            return fallback
        }
    }

    /// ` ORDER BY …` for `ordering`, the tie broken in the first key's direction.
    func orderBy(_ ordering: ListOrdering) -> SQLQueryString {
        var terms: [String] = ordering.keys.compactMap { key in
            columns.first { $0.field == key.field }.map { $0.column + (key.descending ? " DESC" : " ASC") }
        }
        terms.append(tiebreak + (ordering.keys.first?.descending ?? true ? " DESC" : " ASC"))
        return " ORDER BY \(unsafeRaw: terms.joined(separator: ", "))"
    }
}
