import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import ServiceLifecycle
import Testing
@testable import App

/// Slowloris: connections that stall before their head, inside their body or between requests are closed
/// after the configured timeouts, logged and counted; a slow handler is never cut off.
@Suite(.heavy, .timeLimit(.minutes(10))) struct ConnectionTimeoutTests {
    static let timeouts = ConnectionTimeouts(header: .seconds(1), body: .seconds(1), idle: .seconds(1))

    /// Serves the shop (plus a slow route) through the real HTTP server on a free port with one-second timeouts.
    static func withLiveShop(_ body: @Sendable (Int, TestEnvironment) async throws -> Void) async throws {
        try await withServices({ $0.connectionTimeouts = timeouts }) { env in
            let router = MeiduoApplication.buildRouter(services: env.services)
            router.get("slow") { _, _ -> String in
                try await Task.sleep(for: .milliseconds(2500))
                return "done"
            }
            let port = NIOLockedValueBox<Int?>(nil)
            let app = Application(router: router, server: MeiduoApplication.httpServer(services: env.services),
                                  configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { channel in port.withLockedValue { $0 = channel.localAddress?.port } },
                                  logger: TestDatabases.logger)
            let group = ServiceGroup(services: [app], logger: TestDatabases.logger)
            async let serving: Void = group.run()
            while port.withLockedValue({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
            do {
                try await body(port.withLockedValue { $0 }!, env)
            } catch {
                await group.triggerGracefulShutdown()
                try? await serving
                throw error
            }
            await group.triggerGracefulShutdown()
            try await serving
        }
    }

    static func timeoutsCounted(_ env: TestEnvironment, phase: String) -> Int {
        let text = String(decoding: env.services.metrics.exposition(), as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix("meiduo_http_connection_timeouts_total{phase=\"\(phase)\"}") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }

    @Test func aStalledRequestHeadIsClosedAndCounted() async throws {
        try await Self.withLiveShop { port, env in
            // setup
            let connection = try RawConnection(port: port)
            // act: half a request head, then nothing
            try connection.send("GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let (closed, received) = try await connection.readUntilClosed(timeout: .seconds(4))
            // check
            #expect(closed)
            #expect(received.isEmpty)
            #expect(Self.timeoutsCounted(env, phase: "header") == 1)
        }
    }

    @Test func aDeclaredBodyThatNeverArrivesIsClosed() async throws {
        try await Self.withLiveShop { port, env in
            // setup
            let connection = try RawConnection(port: port)
            // act: a head promising 100 bytes, and one byte of them
            try connection.send("POST /authorizations/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
            let (closed, _) = try await connection.readUntilClosed(timeout: .seconds(4))
            // check
            #expect(closed)
            #expect(Self.timeoutsCounted(env, phase: "body") == 1)
        }
    }

    @Test func anIdleKeepAliveConnectionIsClosedAfterItsAnswer() async throws {
        try await Self.withLiveShop { port, env in
            // setup
            let connection = try RawConnection(port: port)
            // act: one whole request, then silence
            try connection.send("GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let (closed, received) = try await connection.readUntilClosed(timeout: .seconds(4))
            // check: answered first, then closed
            #expect(received.hasPrefix("HTTP/1.1 200"))
            #expect(closed)
            #expect(Self.timeoutsCounted(env, phase: "idle") == 1)
        }
    }

    @Test func aHeadWhoseBlankLineArrivesInPiecesIsAnswered() async throws {
        try await Self.withLiveShop { port, env in
            // setup
            let connection = try RawConnection(port: port)
            // act: the head's closing blank line split across two sends, half a second apart
            try connection.send("GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r")
            try await Task.sleep(for: .milliseconds(500))
            try connection.send("\n")
            let (_, received) = try await connection.readUntilClosed(timeout: .seconds(4))
            // check: answered, not taken for a stalled head
            #expect(received.hasPrefix("HTTP/1.1 200"))
            #expect(Self.timeoutsCounted(env, phase: "header") == 0)
        }
    }

    @Test func aHandlerSlowerThanEveryTimeoutIsStillAnswered() async throws {
        try await Self.withLiveShop { port, _ in
            // setup
            let connection = try RawConnection(port: port)
            // act: the route takes 2.5 s, longer than any of the 1 s timeouts
            try connection.send("GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let (_, received) = try await connection.readUntilClosed(timeout: .seconds(6))
            // check
            #expect(received.hasPrefix("HTTP/1.1 200"))
            #expect(received.hasSuffix("done"))
        }
    }

    @Test func manyStalledConnectionsAreAllClosedAndTheShopKeepsAnswering() async throws {
        try await Self.withLiveShop { port, env in
            // setup: 200 connections that each sent half a head
            let connections = try (0..<200).map { _ in try RawConnection(port: port) }
            for connection in connections { try connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ") }
            // act
            var closed = 0
            for connection in connections where try await connection.readUntilClosed(timeout: .seconds(5)).closed { closed += 1 }
            let probe = try RawConnection(port: port)
            try probe.send("GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let (_, answer) = try await probe.readUntilClosed(timeout: .seconds(4))
            // check
            #expect(closed == 200)
            #expect(Self.timeoutsCounted(env, phase: "header") == 200)
            #expect(answer.hasPrefix("HTTP/1.1 200"))
        }
    }
}
