import FluentPostgresDriver

extension Error {
    /// PostgreSQL rolled the transaction back to break a deadlock (40P01) or a serialization conflict (40001);
    /// running it again is safe and usually succeeds.
    var isTransientConflict: Bool {
        guard let error = self as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }
}
