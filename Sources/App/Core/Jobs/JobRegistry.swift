import Foundation
import Logging

/// What a job handler gets: the job and the application's services.
public struct JobContext: Sendable {
    public let job: ClaimedJob
    public let services: AppServices
    public let logger: Logger
}

public typealias JobHandler = @Sendable (JobContext) async throws -> Void

/// Maps job kinds to handlers; every domain registers its own.
public struct JobRegistry: Sendable {
    private(set) var handlers: [String: JobHandler] = [:]

    public init() {}

    public mutating func register(_ kind: String, handler: @escaping JobHandler) {
        precondition(handlers[kind] == nil, "job kind \(kind) registered twice")
        handlers[kind] = handler
    }

    /// Registers a handler that receives the decoded payload.
    public mutating func register<Payload: Decodable>(_ kind: String, _ type: Payload.Type, handler: @escaping @Sendable (Payload, JobContext) async throws -> Void) {
        register(kind) { context in try await handler(try context.job.decode(Payload.self), context) }
    }

    func handler(for kind: String) -> JobHandler? { handlers[kind] }
}
