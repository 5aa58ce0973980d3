import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP connection: writes commands, reads replies, upgrades to TLS.
/// Lives only inside `NIOAsyncChannel.executeThenClose`, which closes the socket afterwards.
final class SMTPSession {
    typealias AsyncChannel = NIOAsyncChannel<SMTPReply, ByteBuffer>

    private let channel: any Channel
    private var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let timeout: TimeAmount
    private let logger: Logger

    init(
        channel: any Channel,
        inbound: NIOAsyncChannelInboundStream<SMTPReply>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        timeout: TimeAmount,
        logger: Logger
    ) {
        self.channel = channel
        self.replies = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.timeout = timeout
        self.logger = logger
    }

    /// Opens the TCP connection; with `tls` set the TLS handshake starts right away.
    static func connect(
        host: String,
        port: Int,
        tls: NIOSSLContext?,
        timeout: TimeAmount,
        group: any EventLoopGroup
    ) async throws -> AsyncChannel {
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if let tls {
                            try pipeline.addHandler(
                                NIOSSLClientHandler(context: tls, serverHostname: sniHostname(host))
                            )
                        }
                        try pipeline.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try AsyncChannel(wrappingChannelSynchronously: channel)
                    }
                }
        } catch ChannelError.connectTimeout {
            throw SMTPError.timeout
        }
    }

    /// Waits for the next reply; fails with `SMTPError.timeout` if none comes in time.
    func readReply() async throws -> SMTPReply {
        let channel = self.channel
        // Failing the pipeline ends the inbound stream with this error, waking our `next()`.
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            channel.pipeline.fireErrorCaught(SMTPError.timeout)
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        guard let reply = try await replies.next() else { throw SMTPError.connectionClosed }
        logger.trace("SMTP <- \(reply.code) \(reply.text)")
        return reply
    }

    /// Sends one command line and returns the reply, which must have one of `expected` codes.
    /// `logAs` replaces the command in logs and errors, so credentials never leak.
    @discardableResult
    func send(_ command: String, logAs: String? = nil, expecting expected: Set<Int>) async throws -> SMTPReply {
        let shown = logAs ?? command
        logger.trace("SMTP -> \(shown)")
        try await write(command + "\r\n")
        return try await expect(expected, after: shown)
    }

    /// Writes raw text (the DATA payload) without waiting for a reply.
    func write(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    /// Reads a reply and checks its code.
    @discardableResult
    func expect(_ expected: Set<Int>, after command: String) async throws -> SMTPReply {
        let reply = try await readReply()
        guard expected.contains(reply.code) else {
            throw SMTPError.unexpectedReply(command: command, code: reply.code, message: reply.text)
        }
        return reply
    }

    /// Puts TLS in front of the decoder; the handshake runs before the next command goes out.
    func startTLS(context: NIOSSLContext, host: String) async throws {
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: sniHostname(host))
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }
}

/// SNI (and hostname checks) need a name; NIOSSL rejects IP literals there.
private func sniHostname(_ host: String) -> String? {
    (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
}
