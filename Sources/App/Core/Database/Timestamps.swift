import FluentKit
import Foundation

extension SchemaBuilder {
    /// The original's BaseModel columns: every table has them.
    func timestamps() -> Self {
        self.field("create_time", .datetime, .required)
            .field("update_time", .datetime, .required)
    }
}
