import Foundation
import Testing
@testable import App

/// `deploy/meiduo.env.example` is what an operator copies to /etc/meiduo/meiduo.env: it must load as the shop reads
/// it, and every variable it names (set or commented out) must be one the shop reads, or a typo there goes unseen.
@Suite struct DeployEnvExampleTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Core
        .deletingLastPathComponent()  // AppTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The example's lines as systemd's `EnvironmentFile=` reads them: `NAME=value`, the value being the rest of the line;
    /// `commented` also takes `# NAME=value` lines (the optional settings).
    static func variables(commented: Bool) throws -> [String: String] {
        let text = try String(contentsOf: root.appendingPathComponent("deploy/meiduo.env.example"), encoding: .utf8)
        var values: [String: String] = [:]
        for raw in text.split(separator: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") {
                guard commented else { continue }
                line = line.dropFirst().trimmingCharacters(in: .whitespaces)
            }
            guard let equals = line.firstIndex(of: "="), line[..<equals].allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }),
                  !line[..<equals].isEmpty else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }

    @Test func theExampleLoadsAsAShopWithSeveralProcesses() throws {
        // setup
        let values = try Self.variables(commented: false)
        // act
        let config = try AppConfig.load(from: values)
        // check: PostgreSQL, jobs left to the worker, files where nginx serves them from
        #expect(config.database == .postgres(url: "postgres://meiduo:change-me@127.0.0.1:5432/meiduo"))
        #expect(!config.runWorkersInServe)
        #expect(config.publicDirectory == "/var/lib/meiduo/public" && config.storage.localDirectory == "/var/lib/meiduo/media")
        #expect(config.frontendURL == "https://shop.example.com" && config.mail.from == "美多商城 <no-reply@example.com>")
    }

    @Test func everyVariableTheExampleNamesIsOneTheShopReads() throws {
        // setup: every Swift source of the app, where each variable the shop reads is named in quotes
        let sources = try FileManager.default.subpathsOfDirectory(atPath: Self.root.appendingPathComponent("Sources/App").path)
            .filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOf: Self.root.appendingPathComponent("Sources/App/\($0)"), encoding: .utf8) }
            .joined()
        // act
        let unknown = try Self.variables(commented: true).keys.filter { !sources.contains("\"\($0)\"") }
        // check
        #expect(unknown.sorted() == [])
    }
}
