import Foundation
import Hummingbird

/// A JSON body decoded into a `Decodable` form, for the back office's bodies that hold lists (role permissions, role
/// ids), which `RequestInput`'s scalar fields do not. A field of the wrong type is a DRF field error naming it.
enum JSONForm {
    static func decode<Form: Decodable>(_ type: Form.Type, from request: Request, context: AppRequestContext) async throws -> Form {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: RequestInput.maxBodyBytes)
        } catch {
            throw APIError.bodyTooLarge
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? "application/json"
        guard contentType.hasPrefix("application/json") else { throw APIError.unsupportedMediaType }
        do {
            return try JSONDecoder().decode(Form.self, from: Data(buffer.readableBytesView))
        } catch DecodingError.typeMismatch(_, let where_), DecodingError.valueNotFound(_, let where_) {
            let field = where_.codingPath.first?.stringValue ?? "non_field_errors"
            throw APIError.field(field, "类型不正确。")
        } catch {
            throw APIError.malformedBody
        }
    }
}
