import Foundation
@testable import App

/// Runs a one-shot script of Tests/Support (JSON in on stdin, JSON out on stdout) with the test interpreter. The
/// child's pipes are read on a thread of its own, never on the cooperative pool.
enum PythonScript {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static let supportFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AppTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Support")

    static func run(_ script: String, input: [String: Any]) async throws -> [String: Any] {
        let data = try JSONSerialization.data(withJSONObject: input)
        let (status, output, stderr) = try await offCooperativePool { () throws -> (Int32, Data, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [PythonProcess.interpreter, supportFolder.appendingPathComponent(script).path]
            let stdin = Pipe(), output = Pipe(), errors = Pipe()
            process.standardInput = stdin
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            stdin.fileHandleForWriting.write(data)
            try stdin.fileHandleForWriting.close()
            let answer = output.fileHandleForReading.readDataToEndOfFile()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, answer, stderr)
        }
        guard status == 0, let answer = try? JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw Failure(description: "\(script) failed (\(status)): \(stderr)")
        }
        return answer
    }
}
