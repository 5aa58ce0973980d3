import Foundation
import Testing

/// Tests that start Python peers (fake gateways, moto, an SMTP server, the Alipay SDK) or fire storms of
/// concurrent requests each want a good share of a 2-core machine. Swift Testing starts every test at once,
/// so without a limit all of them start their peers together, each peer starts slower, and the suite's
/// outcome depends on how loaded the machine is. Tests marked `.heavy` run at most `capacity` at a time;
/// the light ones go on around them.
struct HeavyTestTrait: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    /// Only a running test case takes a slot (a suite holding one would starve its own tests).
    func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        test.isSuite || testCase == nil ? nil : self
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        await HeavyTestGate.shared.acquire()
        do {
            try await function()
        } catch {
            await HeavyTestGate.shared.release()
            throw error
        }
        await HeavyTestGate.shared.release()
    }
}

extension Trait where Self == HeavyTestTrait {
    /// Runs with at most `HeavyTestGate.capacity` other heavy tests (`TEST_HEAVY_CONCURRENCY`, default 2).
    static var heavy: Self { HeavyTestTrait() }
}

/// A first-come, first-served counting semaphore for heavy tests.
actor HeavyTestGate {
    static let shared = HeavyTestGate()
    static let capacity = max(1, Int(ProcessInfo.processInfo.environment["TEST_HEAVY_CONCURRENCY"] ?? "") ?? 2)

    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if running < Self.capacity {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot straight to the next waiter, or frees it.
    func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Runs blocking work (a child process's pipes, `waitUntilExit`) on a thread of its own: the cooperative
/// pool has one thread per core, and two blocked ones would stall every other test on a 2-core machine.
func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
