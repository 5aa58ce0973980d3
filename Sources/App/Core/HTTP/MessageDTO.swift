import Hummingbird

/// `{"message": "OK"}`, as the original's views answered a done action.
public struct MessageDTO: ResponseCodable, Sendable, Equatable {
    public let message: String
    public static let ok = MessageDTO(message: "OK")
}
