import Foundation

/// A Python helper (test server, fake API, ...) run for the duration of a test.
///
/// The script signals it is ready by printing a line that starts with `READY` on stdout
/// (flushed); anything after `READY` is available as `readyInfo`, e.g. a port number.
/// The interpreter is `$PYTHON` if set, else `python3` from `PATH`.
final class PythonProcess {
    enum Failure: Error, CustomStringConvertible {
        case exitedBeforeReady(script: String, status: Int32, stderr: String)
        case notReadyInTime(script: String, timeout: Duration, stderr: String)

        var description: String {
            switch self {
            case .exitedBeforeReady(let script, let status, let stderr):
                return "\(script) exited with status \(status) before printing READY. stderr:\n\(stderr)"
            case .notReadyInTime(let script, let timeout, let stderr):
                return "\(script) did not print READY within \(timeout). stderr:\n\(stderr)"
            }
        }
    }

    static var interpreter: String {
        ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"
    }

    /// The test runner's threads block SIGTERM and children inherit that mask, so a script
    /// would never see `terminate()`. This prelude unblocks signals, then runs the script
    /// as `__main__` with its own argv and its folder on sys.path, as `python script` would.
    private static let bootstrap = """
        import os, runpy, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); \
        sys.argv = sys.argv[1:]; sys.path[0] = os.path.dirname(os.path.abspath(sys.argv[0])); \
        runpy.run_path(sys.argv[0], run_name="__main__")
        """

    /// Text after `READY` on the ready line, trimmed (empty if nothing followed).
    let readyInfo: String
    private let process: Process
    private let stderrFile: URL

    private init(process: Process, stderrFile: URL, readyInfo: String) {
        self.process = process
        self.stderrFile = stderrFile
        self.readyInfo = readyInfo
    }

    /// Starts `script` and waits until it prints READY; throws (and kills it) otherwise.
    static func start(
        script: URL,
        arguments: [String] = [],
        readyTimeout: Duration = .seconds(20)
    ) async throws -> PythonProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // -u: unbuffered stdout, so READY arrives as soon as it is printed.
        process.arguments = [interpreter, "-u", "-c", bootstrap, script.path] + arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        // stderr goes to a file so it can be shown in full when the script fails.
        let stderrFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("python-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderrFile)

        let watcher = ReadyLineWatcher()
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            watcher.feed(data)
        }
        process.terminationHandler = { process in
            watcher.finish(.failure(.exited(process.terminationStatus)))
        }
        try process.run()
        // The child has its own copy of the descriptor now.
        try? (process.standardError as? FileHandle)?.close()

        let timeoutTask = Task {
            try await Task.sleep(for: readyTimeout)
            watcher.finish(.failure(.timedOut))
        }
        defer { timeoutTask.cancel() }
        let stderrText = {
            defer { try? FileManager.default.removeItem(at: stderrFile) }
            return (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        }
        switch await watcher.wait() {
        case .success(let info):
            return PythonProcess(process: process, stderrFile: stderrFile, readyInfo: info)
        case .failure(.exited(let status)):
            throw Failure.exitedBeforeReady(script: script.lastPathComponent, status: status, stderr: stderrText())
        case .failure(.timedOut):
            stop(process)
            throw Failure.notReadyInTime(script: script.lastPathComponent, timeout: readyTimeout, stderr: stderrText())
        }
    }

    /// Everything the script wrote to stderr so far (useful in failure messages).
    var stderr: String {
        (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
    }

    /// Stops the script (SIGTERM) and waits for it to exit. Safe to call more than once.
    func terminate() {
        Self.stop(process)
        try? FileManager.default.removeItem(at: stderrFile)
    }

    deinit {
        Self.stop(process)
    }

    /// SIGTERM, then SIGKILL if the script has not exited after `grace`.
    private static func stop(_ process: Process, grace: Duration = .seconds(5)) {
        (process.standardOutput as? Pipe)?.fileHandleForReading.readabilityHandler = nil
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning && ContinuousClock.now < deadline {
            usleep(20_000)
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }
}

/// Collects stdout and hands out the first outcome: a READY line, exit, or timeout.
private final class ReadyLineWatcher: @unchecked Sendable {
    enum Problem: Error { case exited(Int32), timedOut }

    private let lock = NSLock()
    private var buffer = Data()
    private var outcome: Result<String, Problem>?
    private var waiter: CheckedContinuation<Result<String, Problem>, Never>?

    func feed(_ data: Data) {
        let readyInfo: String? = lock.withLock {
            buffer.append(data)
            let lines = String(decoding: buffer, as: UTF8.self).split(whereSeparator: \.isNewline)
            // Only complete lines count; the last one may still be arriving.
            let complete = buffer.last == UInt8(ascii: "\n") ? lines[...] : lines.dropLast()
            return complete.first { $0.hasPrefix("READY") }
                .map { $0.dropFirst("READY".count).trimmingCharacters(in: .whitespaces) }
        }
        if let readyInfo { finish(.success(readyInfo)) }
    }

    func finish(_ result: Result<String, Problem>) {
        let continuation: CheckedContinuation<Result<String, Problem>, Never>? = lock.withLock {
            guard outcome == nil else { return nil }
            outcome = result
            defer { waiter = nil }
            return waiter
        }
        continuation?.resume(returning: result)
    }

    func wait() async -> Result<String, Problem> {
        await withCheckedContinuation { continuation in
            let ready: Result<String, Problem>? = lock.withLock {
                if outcome == nil { waiter = continuation }
                return outcome
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
