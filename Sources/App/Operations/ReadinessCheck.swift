import Foundation
import Synchronization

/// Ready to take traffic: the database answers within a few seconds and every migration this build knows is applied.
struct ReadinessCheck: Sendable {
    let services: AppServices
    var timeout: Duration = .seconds(3)

    /// Nil when ready, else why not (shown in the 503 body). Answers by the timeout even when a
    /// connection attempt would block far longer, so a probe never hangs.
    func problem() async -> String? {
        await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            let answer = FirstAnswer(continuation)
            Task {
                do {
                    let pending = try await services.database.pendingMigrations()
                    answer.give(pending.isEmpty ? nil : "\(pending.count) migration(s) not applied")
                } catch {
                    answer.give("database unreachable: \(error)")
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                answer.give("database did not answer within \(timeout)")
            }
        }
    }
}

/// Resumes a continuation with whichever answer comes first and ignores the rest.
private final class FirstAnswer: Sendable {
    private let continuation: Mutex<CheckedContinuation<String?, Never>?>

    init(_ continuation: CheckedContinuation<String?, Never>) { self.continuation = Mutex(continuation) }

    func give(_ value: String?) {
        continuation.withLock { pending in
            pending?.resume(returning: value)
            pending = nil
        }
    }
}
