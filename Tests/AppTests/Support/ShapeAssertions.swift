import Foundation
import HummingbirdTesting
import Testing

/// The exact DRF shapes a refusal may take, checked by key names and value types (not only the status).
extension TestResponse {
    /// `{"non_field_errors": [messages]}` and nothing else.
    var nonFieldErrors: [String]? {
        guard Set(object.keys) == ["non_field_errors"] else { return nil }
        return object["non_field_errors"] as? [String]
    }

    /// `{"<field>": [messages]}` and nothing else.
    func fieldErrors(_ field: String) -> [String]? {
        guard Set(object.keys) == [field] else { return nil }
        return object[field] as? [String]
    }

    /// `{"message": "…"}` and nothing else.
    var messageOnly: String? {
        guard Set(object.keys) == ["message"] else { return nil }
        return object["message"] as? String
    }

    /// `{"detail": "…"}` and nothing else.
    var detailOnly: String? {
        guard Set(object.keys) == ["detail"] else { return nil }
        return object["detail"] as? String
    }

    /// A bare JSON list of messages.
    var messageList: [String]? {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String]
    }
}
